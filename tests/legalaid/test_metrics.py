"""Each figure of legal aid on hand-made cases: what it counts, by which date, and the equations between them."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import metrics
from sifa.legalaid import services
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = pytest.mark.django_db


def _figures(unit=None):
    return metrics.compute(date(2024, 3, 1), date(2024, 3, 31), unit, lines=["legalaid"])


def test_cases_count_grants_by_decision_and_notices_by_receipt(apply, staff, standard, centre, units, firm):
    on_time, late, refused = apply(), apply(name="乙", matter_type="non_litigation"), apply(name="丙")
    for case, day in ((on_time, date(2024, 3, 8)), (late, date(2024, 3, 20))):
        WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
        WORKFLOW.run(case, "grant", by=staff, on=day, data={"service_form": case.service_form})
    WORKFLOW.run(refused, "refuse", by=staff, on=date(2024, 3, 6),
                 data={"refusal_ground": "not_hardship", "refusal_reasons": "收入超过标准"})
    WORKFLOW.run(on_time, "assign", by=staff, on=date(2024, 3, 9), data={"law_firm": firm, "lawyer": "陈律师"})
    services.notification_register(unit=centre, by=staff, name="丁", received_on=date(2024, 3, 30),
                                   notifying_organ="police", notice_number="公通1号", mandatory_ground="1",
                                   matter="盗窃案")
    services.notification_register(unit=centre, by=staff, name="戊", received_on=date(2024, 4, 1),
                                   notifying_organ="police", notice_number="公通2号", mandatory_ground="1",
                                   matter="盗窃案")
    res = _figures(units["PT"])
    v = res.flat()
    assert (v["legalaid.cases"], v["legalaid.cases_application"], v["legalaid.cases_notification"]) == (3, 2, 1)
    assert (v["legalaid.cases_civil"], v["legalaid.cases_non_litigation"], v["legalaid.cases_criminal"]) == (1, 1, 1)
    assert (v["legalaid.applications"], v["legalaid.decided"], v["legalaid.refused"]) == (3, 3, 1)
    assert v["legalaid.decided_in_time"] == 2 and v["legalaid.decided_in_time_rate"] == 66.7  # 3-20 is late
    assert (v["legalaid.assigned"], v["legalaid.assigned_in_time"]) == (1, 1)
    assert all(e.holds for e in res.equations)
    assert _figures(units["PT-SFJ-FY"]).flat()["legalaid.cases"] == 0  # another subtree counts none


def test_consultations_count_by_channel_and_callbacks_in_time(staff, centre, units):
    for channel, n in (("walk_in", 3), ("call_12348", 2), ("online", 1)):
        for _i in range(n):
            services.consultation_register(unit=centre, by=staff, consulted_on=date(2024, 3, 4), channel=channel,
                                           category="labour")
    c = services.consultation_register(unit=centre, by=staff, consulted_on=date(2024, 3, 4), channel="letter",
                                       category="housing", callback_requested=True)
    services.consultation_callback(consultation=c, by=staff, on=date(2024, 3, 5), reached=True)
    v = _figures(units["PT"]).flat()
    assert (v["legalaid.walk_in"], v["legalaid.calls_12348"], v["legalaid.online"], v["legalaid.letters"]) == (3, 2, 1, 1)
    assert v["legalaid.consultations"] == 7 and (v["legalaid.callbacks"], v["legalaid.callbacks_in_time"]) == (1, 1)


def test_the_hotline_records_are_written_in_bulk_and_duplicates_skipped(staff, centre):
    from sifa.legalaid.models import Consultation
    from sifa.legalaid.services import ConsultationRecord

    rows = [ConsultationRecord(unit_id=centre.pk, channel="call_12348", consulted_on=date(2024, 3, 4),
                               category="labour", external_id=f"C{i}") for i in range(50)]
    assert services.consultations_import(records=rows + rows[:5], by=staff) == (50, 5)
    assert services.consultations_import(records=rows[:10], by=staff) == (0, 10)
    assert Consultation.objects.count() == 50


def test_the_statistics_page_shows_the_line_with_its_equations(login, users, apply):
    from django.urls import reverse

    resp = login(users["leader"]).get(reverse("reports:line_stats", args=["legalaid"]) + "?from=2024-01-01&to=2024-12-31")
    page = resp.content.decode()
    assert resp.status_code == 200 and "办理法律援助案件" in page and "接答“12348”来电" in page
