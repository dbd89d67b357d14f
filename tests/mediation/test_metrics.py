"""The line's figures on hand-made data: what each counts, by which date, in which unit subtree."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core import metrics
from sifa.mediation import services
from sifa.mediation.models import AgreementForm, DisputeType
from sifa.mediation.services import DisputeRecord, PartyInput
from sifa.mediation.workflow import RECEPTION_WORKFLOW

JAN = (date(2022, 1, 1), date(2022, 1, 31))


def _record(unit, t, *, registered, accepted=None, agreed=None, failed=None, **kw):
    rec = DisputeRecord(unit=unit, dispute_type=t, registered_on=registered, accepted_on=accepted,
                        parties=["甲", "乙"], **kw)
    if agreed:
        rec.sessions, rec.outcome, rec.concluded_on = [(agreed, "")], "agreed", agreed
        rec.agreement_form, rec.terms = AgreementForm.ORAL, "x"
    if failed:
        rec.sessions, rec.outcome, rec.concluded_on, rec.other_routes = [(failed, "")], "failed", failed, ["court"]
    return rec


@pytest.fixture
def data(units, court):
    csl, cyxc, xztj = units["PT-TWH-CSL"], units["PT-TWH-CYXC"], units["PT-XZTJ"]
    nb = DisputeType.objects.get(code="neighbourhood")
    labour = DisputeType.objects.get(code="labour")
    services.disputes_import(by=None, records=[
        _record(csl, nb, registered=date(2022, 1, 3), accepted=date(2022, 1, 3), agreed=date(2022, 1, 5),
                amount_involved=Decimal("1000"), risk_criminal=True, persons=3),
        _record(csl, labour, registered=date(2022, 1, 4), accepted=date(2022, 1, 4), agreed=date(2022, 1, 10),
                amount_involved=Decimal("2500.50")),
        _record(csl, nb, registered=date(2022, 1, 6), accepted=date(2022, 1, 6), failed=date(2022, 1, 20)),
        _record(cyxc, nb, registered=date(2022, 1, 7), accepted=date(2022, 1, 7)),
        # accepted in December, settled in January: in January's settled, not in its accepted (flows by act date)
        _record(csl, nb, registered=date(2021, 12, 28), accepted=date(2021, 12, 28), agreed=date(2022, 1, 2)),
        # registered but a party refused: never accepted
        DisputeRecord(unit=csl, dispute_type=nb, registered_on=date(2022, 1, 8), outcome="refused",
                      concluded_on=date(2022, 1, 9), parties=["丙", "丁"]),
        # court referral and administrative dispute: their own figures only
        _record(csl, nb, registered=date(2022, 1, 10), accepted=date(2022, 1, 11), agreed=date(2022, 1, 15),
                track="prelitigation", court=court, court_reference="(2022)沪0107民诉前调1号", referral_kind="delegated"),
        _record(xztj, nb, registered=date(2022, 1, 12), accepted=date(2022, 1, 12), track="administrative"),
    ])
    rec = services.reception_register(centre=units["PT-JFZX-CSL"], visitor=PartyInput("访客"), subject="s",
                                      dispute_type=nb, by=None, on=date(2022, 1, 5))
    routing = RECEPTION_WORKFLOW.run(rec, "route", by=None, on=date(2022, 1, 5), data={"handler_unit": units["PT-RSJ"]})
    RECEPTION_WORKFLOW.run(routing.reception, "routing_accept", by=None, on=date(2022, 1, 6), data={"routing": routing})
    RECEPTION_WORKFLOW.run(routing.reception, "routing_result", by=None, on=date(2022, 1, 25), data={"routing": routing, "success": True})
    services.campaign_create(unit=units["PT-SFS-CSL"], title="排查", held_on=date(2022, 1, 15), by=None)
    services.campaign_create(unit=units["PT-SFS-CSL"], title="排查", held_on=date(2022, 2, 15), by=None)
    for i, who in enumerate(["ministry", "ministry", "municipal"]):
        case = services.case_submit(unit=csl, title=f"案例{i}", by=None, on=date(2022, 1, 2))
        services.case_select(case=case, selected_by=who, by=None, on=date(2022, 1, 20))
        if i == 0:
            services.case_publish(case=case, published_in="《上海法治报》", by=None, on=date(2022, 1, 28))
    return units


def test_the_figures_count_what_their_definitions_say(data):
    f = metrics.compute(*JAN, data["PT"], lines=["mediation"]).flat()
    assert f["mediation.accepted"] == 4  # three at 长寿路 + one at 曹杨; not the refused, court or administrative
    assert f["mediation.successful"] == 3  # includes December's dispute settled in January
    assert f["mediation.success_rate"] == 75.0
    assert f["mediation.failed"] == 1
    assert f["mediation.amount_involved"] == Decimal("3500.50")
    assert f["mediation.risk_averted"] == 1 and f["mediation.criminal_risk_persons"] == 3
    assert f["mediation.prelitigation_started"] == 1 and f["mediation.prelitigation_successful"] == 1
    assert f["mediation.administrative_accepted"] == 1 and f["mediation.administrative_successful"] == 0
    assert f["mediation.centre_accepted"] == 1 and f["mediation.centre_successful"] == 1
    assert f["mediation.campaigns"] == 1
    assert f["mediation.cases_selected"] == 2 and f["mediation.cases_published"] == 1


def test_the_success_rate_has_two_decimals_rounded_half_up(data, units):
    f = metrics.compute(date(2022, 1, 1), date(2022, 1, 9), units["PT-TWH-CSL"], lines=["mediation"]).flat()
    assert (f["mediation.successful"], f["mediation.accepted"]) == (2, 3)
    assert f["mediation.success_rate"] == 66.67  # 66.666… rounded half up to two decimals


def test_a_units_figures_cover_its_subtree_only(data, units):
    f = metrics.compute(*JAN, units["PT-SFS-CYXC"], lines=["mediation"]).flat()
    assert f["mediation.accepted"] == 1 and f["mediation.successful"] == 0


def test_breakdowns_by_type_source_organisation_and_month(data):
    by_type = dict(metrics.breakdown("mediation.accepted", *JAN, data["PT"], by="dispute_type__name"))
    assert by_type == {"邻里": 3, "劳动争议": 1}
    by_unit = dict(metrics.breakdown("mediation.accepted", *JAN, data["PT"], by="unit__name"))
    assert by_unit == {"长寿路街道人民调解委员会": 3, "曹杨新村街道人民调解委员会": 1}
    from django.utils import translation

    with translation.override("zh-hans"):  # a choice field breaks down by its labels, never its codes
        assert dict(metrics.breakdown("mediation.accepted", *JAN, data["PT"], by="source")) == {"申请调解": 4}
    months = metrics.breakdown("mediation.accepted", date(2021, 12, 1), date(2022, 1, 31), data["PT"], by="month")
    assert [n for _m, n in months] == [1, 4]


def test_the_statistics_page_shows_the_figures_with_links_to_their_cases(data, login, users):
    resp = login(users["leader"]).get("/mediation/stats/?date_from=2022-01-01&date_to=2022-01-31")
    figures = {m.key: (value, url) for m, value, url in resp.context["figures"]}
    assert figures["mediation.accepted"][0] == 4
    assert "metric=mediation.accepted" in figures["mediation.accepted"][1]
    assert figures["mediation.centre_accepted"][1].startswith("/mediation/centre/")
