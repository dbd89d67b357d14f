"""The assessment of rule-of-law building: the indicator system as data (deductions per occurrence with caps,
veto items), self-assessment with evidence, the bureau's scores, totals and ranks recomputed from the inputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core.workflow import StepError
from sifa.governance import assessment as svc
from sifa.governance.assessment import Item
from sifa.governance.models import Assessment, Score

pytestmark = pytest.mark.django_db

ITEMS = [Item("1", "依法行政制度建设"), Item("1.1", "重大行政决策合法性审查", Decimal(40), Decimal(5), Decimal(20), parent="1"),
         Item("1.2", "行政规范性文件备案", Decimal(60), Decimal(10), parent="1"),
         Item("2", "一票否决"), Item("2.1", "发生重大违法行政案件", veto=True, parent="2")]


@pytest.fixture
def scheme(staff, office):
    return svc.scheme_publish(unit=office, by=staff, year=2024, title="区级机关法治建设工作考核细则",
                              published_on=date(2024, 3, 1), items=ITEMS)


def _score(a, staff, rows, on=date(2025, 1, 10)):
    a.refresh_from_db()
    return svc.bureau_score(a, by=staff, on=on, rows=rows)


def test_points_follow_the_deductions_and_their_caps_and_units_are_ranked(scheme, staff, units):
    wl, sc, fg = (svc.assessment_open(scheme, by=staff, assessed=units[c]) for c in ("PT-WLJ", "PT-SCJG", "PT-FGJ"))
    for a, occ in ((wl, 1), (sc, 0), (fg, 0)):
        svc.self_assess(a, by=staff, on=date(2025, 1, 5), rows={"1.1": (occ, "审查台账"), "1.2": (0, "备案回执")})
    wl.refresh_from_db()
    assert wl.self_total == Decimal("95.00") and Score.objects.get(assessment=wl, indicator__code="1.1").evidence == "审查台账"
    _score(wl, staff, {"1.1": (9, False, "9次未经审查"), "1.2": (1, False, ""), "2.1": (0, False, "")})
    _score(sc, staff, {"1.1": (1, False, ""), "1.2": (0, False, ""), "2.1": (0, False, "")})
    _score(fg, staff, {"1.1": (0, False, ""), "1.2": (0, False, ""), "2.1": (0, True, "发生重大违法案件")})
    wl.refresh_from_db()
    sc.refresh_from_db()
    fg.refresh_from_db()
    assert wl.total == Decimal("70.00")  # 40 - min(20, 45) + 60 - 10
    assert (sc.total, sc.rank, wl.rank) == (Decimal("95.00"), 1, 2)
    assert fg.total == Decimal("100.00") and fg.vetoed and fg.passed is False and fg.rank == 3  # a veto fails
    assert wl.passed and sc.passed


def test_a_revised_edition_recomputes_from_the_kept_inputs(scheme, staff, office, units):
    a = svc.assessment_open(scheme, by=staff, assessed=units["PT-WLJ"])
    svc.self_assess(a, by=staff, on=date(2025, 1, 5), rows={"1.1": (2, "台账"), "1.2": (0, "")})
    a.refresh_from_db()
    assert a.self_total == Decimal("90.00")
    revised = [Item(i.code, i.name, i.points, Decimal(8) if i.code == "1.1" else i.per_occurrence, i.cap, i.veto,
                    i.parent) for i in ITEMS]
    new = svc.scheme_publish(unit=office, by=staff, year=2024, title=scheme.title, published_on=date(2024, 4, 1),
                             items=revised)
    a.refresh_from_db()
    assert new.edition == 2 and a.scheme == new and a.self_total == Decimal("84.00")  # 40 - 16 + 60


def test_refusals(scheme, staff, office, units):
    a = svc.assessment_open(scheme, by=staff, assessed=units["PT-WLJ"])
    with pytest.raises(StepError) as e:
        svc.assessment_open(scheme, by=staff, assessed=units["PT-WLJ"])
    assert e.value.field == "assessed"
    with pytest.raises(StepError):
        svc.bureau_score(a, by=staff, on=date(2025, 1, 10), rows={})  # no self-assessment yet
    with pytest.raises(StepError):
        svc.self_assess(a, by=staff, on=date(2025, 1, 5), rows={"1.1": (0, "")})  # not every item
    svc.self_assess(a, by=staff, on=date(2025, 1, 5), rows={"1.1": (0, ""), "1.2": (0, "")})
    a.refresh_from_db()
    with pytest.raises(StepError):
        svc.bureau_score(a, by=staff, on=date(2025, 1, 10), rows={"1.1": (0, False, "")})  # not every item
    with pytest.raises(StepError):
        svc.self_assess(a, by=staff, on=date(2025, 1, 5), rows={"9.9": (0, "")})
    with pytest.raises(StepError) as e:
        svc.scheme_publish(unit=office, by=staff, year=2025, title="x", published_on=date(2024, 3, 1),
                           items=[Item("1", "a"), Item("1.1", "b", parent="3")])
    assert e.value.field == "indicators"
    _score(a, staff, {"1.1": (0, False, ""), "1.2": (0, False, ""), "2.1": (0, False, "")})
    with pytest.raises(StepError):
        svc.scheme_publish(unit=office, by=staff, year=2024, title=scheme.title, published_on=date(2024, 4, 1),
                           items=ITEMS)
    assert Assessment.objects.get().total == Decimal("100.00")


def test_the_office_writes_a_scheme_enrols_units_and_reads_the_averages(login, staff, units):
    from django.urls import reverse

    from sifa.governance.models import AssessmentScheme

    client = login(staff)
    lines = "1 | 依法行政\n1.1 | 合法性审查 | 40 | 5 | 20 | | 1\n1.2 | 规范性文件备案 | 60 | 10 | | | 1\n"
    data = {"year": 2024, "title": "街镇法治建设考核细则", "published_on": "2024-03-01", "pass_mark": "60"}
    resp = client.post(reverse("governance:scheme_new"), {**data, "indicators": lines + "1.3 | 复议纠错 | 十 | | | | 1"})
    assert resp.status_code == 200 and any(w in resp.context["form"].errors["indicators"][0] for w in ("第4行", "Line 4"))  # its line
    resp = client.post(reverse("governance:scheme_new"), {**data, "indicators": lines + "1.3 | 孤项 | 5 | | | | 9"})
    assert resp.status_code == 200 and "indicators" in resp.context["form"].errors  # its heading is missing
    assert client.post(reverse("governance:scheme_new"), {**data, "indicators": lines}).status_code == 302
    scheme = AssessmentScheme.objects.get(title="街镇法治建设考核细则")
    assert scheme.edition == 1 and scheme.indicators.count() == 3
    enrol = reverse("governance:scheme_enrol", args=[scheme.pk])
    assert client.post(enrol, {"units": []}).status_code == 200
    assert client.post(enrol, {"units": [units["PT-WLJ"].pk, units["PT-FGJ"].pk]}).status_code == 302
    a, b = scheme.assessments.order_by("assessed__code")
    for x, occ in ((a, 0), (b, 2)):
        svc.self_assess(x, by=staff, on=date(2025, 1, 5), rows={"1.1": (occ, ""), "1.2": (0, "")})
        _score(x, staff, {"1.1": (occ, False, ""), "1.2": (occ, False, "")})
    figures = svc.summary(scheme)
    # 100 and 40-10 + 60-20 = 70: the average 85, per heading the same
    assert (figures["n"], figures["passed"], figures["average"], figures["highest"], figures["lowest"]) == (
        2, 2, Decimal("85.00"), Decimal("100.00"), Decimal("70.00"))
    assert figures["headings"] == [{"code": "1", "name": "依法行政", "average": Decimal("85.00")}]
    page = client.get(reverse("governance:scheme", args=[scheme.pk])).content.decode()
    assert "85.00" in page
    # the next edition starts from this one's indicators; the units and their inputs move to it
    form = client.get(reverse("governance:scheme_new") + f"?from={scheme.pk}").context["form"]
    assert "1.1 | 合法性审查 | 40 | 5 | 20 |  | 1" in form.initial["indicators"]
