"""The subsidy total (办案补贴金额) as a figure: the sum of the approved subsidies of the period, with its drill-down
to the reviews behind it and a list whose total is the figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sifa.core import metrics
from sifa.legalaid.models import EvaluationSheet, SubsidyRate
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
ITEMS = [{"code": "a", "label": "会见受援人", "max": 50}, {"code": "b", "label": "文书质量", "max": 50}]


@pytest.fixture
def tariff(db):
    EvaluationSheet.objects.create(effective_from=date(2024, 1, 1), name="评分表", items=ITEMS, good_mark=90,
                                   pass_mark=60, fail_subsidy_percent=50, basis="测试")
    SubsidyRate.objects.create(service_form="litigation", effective_from=date(2024, 1, 1), amount=Decimal("2000"),
                               basis="测试标准")


def _closed_and_reviewed(apply, staff, firm, *, name, scores, approve_on=None):
    case = apply(name=name, id_number="")
    WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
    WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
    WORKFLOW.run(case, "assign", by=staff, on=date(2024, 3, 6), data={"law_firm": firm, "lawyer": "陈律师"})
    WORKFLOW.run(case, "close", by=staff, on=date(2024, 6, 3), data={"outcome": "调解结案"})
    WORKFLOW.run(case, "review_closing", by=staff, on=date(2024, 6, 5), data={"opinion": "ok", "scores": scores})
    if approve_on:
        WORKFLOW.run(case, "approve_subsidy", by=staff, on=approve_on)
    return case


def test_the_subsidy_figures_sum_the_amounts_and_drill_down(apply, staff, firm, standard, tariff, login):
    good = _closed_and_reviewed(apply, staff, firm, name="甲", scores={"a": 48, "b": 47}, approve_on=date(2024, 6, 10))
    fail = _closed_and_reviewed(apply, staff, firm, name="乙", scores={"a": 20, "b": 20}, approve_on=date(2024, 7, 2))
    pending = _closed_and_reviewed(apply, staff, firm, name="丙", scores={"a": 35, "b": 35})
    june = metrics.compute(date(2024, 6, 1), date(2024, 6, 30), lines=["legalaid"]).values
    assert june["legalaid.subsidy_approved_amount"] == Decimal("2000.00")
    assert june["legalaid.subsidy_reviewed_amount"] == Decimal("5000.00")  # 2000 + 1000 (fail, 50 %) + 2000
    assert june["legalaid.subsidies_approved"] == 1
    year = metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["legalaid"]).values
    assert year["legalaid.subsidy_approved_amount"] == Decimal("3000.00")
    client = login(staff)
    q = {"metric": "legalaid.subsidy_approved_amount", "from": "2024-01-01", "to": "2024-12-31"}
    drill = client.get(reverse("legalaid:list"), q)
    assert drill.status_code == 302 and drill["Location"].startswith(reverse("legalaid:subsidies"))
    page = client.get(drill["Location"], **ZH)
    assert {e.case_id for e in page.context["page"].rows} == {good.pk, fail.pk}
    assert page.context["total"]["amount"] == Decimal("3000.00")  # the list's total is the figure
    assert "3000.00" in page.content.decode()
    pend = client.get(reverse("legalaid:subsidies"), {"approval": "pending"}, **ZH)
    assert [e.case_id for e in pend.context["page"].rows] == [pending.pk]
    by_amount = client.get(reverse("legalaid:subsidies"), {"sort": "subsidy"}, **ZH)
    assert [e.subsidy for e in by_amount.context["page"].rows] == [Decimal("1000.00"), Decimal("2000.00"),
                                                                    Decimal("2000.00")]
    export = client.get(reverse("legalaid:subsidies"), {"export": "xlsx"})
    assert export.status_code == 200
    # a figure of another kind does not open this list
    assert client.get(reverse("legalaid:subsidies"), {"metric": "legalaid.cases", "from": "2024-01-01",
                                                      "to": "2024-12-31"}).status_code == 404
