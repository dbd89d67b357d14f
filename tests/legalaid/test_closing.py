"""After the assignment and the closing: the legal-aid letter to the handling organ (公函), the closing review with its
quality score on the district's sheet (结案审查表, 第五十九条) and the subsidy on the district's tariff (补贴审批表,
第五十二条), each a .docx."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.workflow import StepError, TransitionNotAllowed
from sifa.legalaid import documents, evaluation
from sifa.legalaid.models import Evaluation, EvaluationSheet, Grade, SubsidyRate
from sifa.legalaid.workflow import WORKFLOW

from .conftest import ELIGIBLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ITEMS = [{"code": "a", "label": "会见受援人", "max": 30}, {"code": "b", "label": "文书质量", "max": 40},
         {"code": "c", "label": "结案材料", "max": 30}]


@pytest.fixture
def sheet(db):
    return EvaluationSheet.objects.create(effective_from=date(2024, 1, 1), name="评分表", items=ITEMS, good_mark=90,
                                          pass_mark=60, fail_subsidy_percent=50, basis="测试")


@pytest.fixture
def rate(db):
    SubsidyRate.objects.create(service_form="litigation", effective_from=date(2023, 1, 1), amount=Decimal("1800"),
                               basis="旧标准")
    return SubsidyRate.objects.create(service_form="litigation", effective_from=date(2024, 1, 1),
                                      amount=Decimal("2000"), basis="测试标准")


@pytest.fixture
def closed(apply, staff, standard, firm):
    case = apply()
    WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
    WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
    WORKFLOW.run(case, "assign", by=staff, on=date(2024, 3, 6), data={"law_firm": firm, "lawyer": "陈律师"})
    WORKFLOW.run(case, "send_letter", by=staff, on=date(2024, 3, 7), data={"handling_organ": "上海市普陀区人民法院"})
    WORKFLOW.run(case, "close", by=staff, on=date(2024, 6, 3), data={"outcome": "一审胜诉，已提交判决书副本。"})
    return case


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])


def test_the_letter_goes_once_to_the_handling_organ_and_names_the_lawyer(closed, staff, login):
    assert closed.letter_number.startswith("普法援函字〔2024〕") and closed.letter_sent_on == date(2024, 3, 7)
    text = _text(login(staff).get(reverse("legalaid:document", args=[closed.pk, "aid_letter"])).content)
    assert "上海市普陀区人民法院" in text and "陈律师" in text and closed.letter_number in text


def test_the_letter_is_sent_once(apply, staff, standard, firm):
    case = apply()
    WORKFLOW.run(case, "check_hardship", by=staff, on=date(2024, 3, 5), data=ELIGIBLE)
    WORKFLOW.run(case, "grant", by=staff, on=date(2024, 3, 5), data={"service_form": "litigation"})
    WORKFLOW.run(case, "assign", by=staff, on=date(2024, 3, 6), data={"law_firm": firm, "lawyer": "陈律师"})
    WORKFLOW.run(case, "send_letter", by=staff, on=date(2024, 3, 6), data={"handling_organ": "某区人民法院"})
    with pytest.raises(TransitionNotAllowed, match="sent already"):
        WORKFLOW.run(case, "send_letter", by=staff, on=date(2024, 3, 7), data={"handling_organ": "某区人民法院"})


def test_without_a_sheet_or_a_rate_the_review_says_what_to_enter(closed, staff, sheet):
    with pytest.raises(TransitionNotAllowed, match="no subsidy rate"):
        WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 5),
                     data={"opinion": "x", "scores": {"a": 1, "b": 1, "c": 1}})
    assert not Evaluation.objects.exists()


def test_the_review_scores_the_case_and_computes_the_subsidy_from_the_rate_in_force(closed, staff, sheet, rate):
    WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 5),
                 data={"opinion": "材料齐全", "scores": {"a": 28, "b": 36, "c": 27}})
    e = closed.evaluation
    assert (e.total, e.grade, e.subsidy, e.rate_id, e.sheet_id) == (91, Grade.GOOD, Decimal("2000.00"), rate.pk,
                                                                     sheet.pk)
    assert closed.review_number.startswith("普法援审字") and "2000" in e.subsidy_explanation
    with pytest.raises(TransitionNotAllowed, match="review is done"):
        WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 6),
                     data={"opinion": "again", "scores": {"a": 1, "b": 1, "c": 1}})
    WORKFLOW.run(closed, "approve_subsidy", by=staff, on=date(2024, 6, 7))
    e.refresh_from_db()
    assert e.approved_on == date(2024, 6, 7) and closed.subsidy_number.startswith("普法援补贴字")
    with pytest.raises(TransitionNotAllowed, match="approved on"):
        WORKFLOW.run(closed, "approve_subsidy", by=staff, on=date(2024, 6, 8))


def test_a_failed_case_gets_the_sheets_share_of_the_rate_and_a_score_over_the_maximum_is_refused(sheet, rate):
    result = evaluation.assess(sheet, rate, {"a": 10, "b": 20, "c": 10})
    assert (result.total, result.grade, result.subsidy) == (40, Grade.FAIL, Decimal("1000.00"))
    assert evaluation.assess(sheet, rate, {"a": 20, "b": 25, "c": 20}).grade == Grade.PASS
    with pytest.raises(ValueError):
        evaluation.assess(sheet, rate, {"a": 31, "b": 0, "c": 0})
    with pytest.raises(ValueError):
        evaluation.assess(sheet, rate, {"a": 1, "b": 1})  # an item without a score


def test_an_earlier_closing_uses_the_rate_then_in_force(closed, sheet, rate):
    assert evaluation.rate_on("litigation", date(2023, 12, 31)).amount == Decimal("1800")
    assert evaluation.rate_on("litigation", closed.closed_on) == rate


def test_a_review_before_the_closing_is_refused(closed, staff, sheet, rate):
    with pytest.raises(StepError, match="precede the closing"):
        WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 2),
                     data={"opinion": "x", "scores": {"a": 1, "b": 1, "c": 1}})
    assert not Evaluation.objects.exists()


def test_the_review_page_asks_a_score_per_item_and_refuses_one_over_its_maximum(closed, staff, sheet, rate, login):
    client = login(staff)
    url = reverse("legalaid:action", args=[closed.pk, "review_closing"])
    page = client.get(url).content.decode()
    assert "会见受援人（30）" in page and "第五十九条" in page
    bad = client.post(url, {"version": closed.version, "on": "2024-06-05", "opinion": "x", "score_a": 31,
                            "score_b": 30, "score_c": 20})
    assert bad.status_code == 200 and "score_a" in bad.context["form"].errors
    ok = client.post(url, {"version": closed.version, "on": "2024-06-05", "opinion": "材料齐全", "score_a": 20,
                           "score_b": 30, "score_c": 20})
    assert ok.status_code == 302
    assert Evaluation.objects.get(case=closed).total == 70
    closed.refresh_from_db()
    client.post(reverse("legalaid:action", args=[closed.pk, "approve_subsidy"]),
                {"version": closed.version, "on": "2024-06-06"})
    review = _text(client.get(reverse("legalaid:document", args=[closed.pk, "closing_review"])).content)
    assert "文书质量" in review and "70" in review and "评定等次：合格" in review
    subsidy = _text(client.get(reverse("legalaid:document", args=[closed.pk, "subsidy_approval"])).content)
    assert "2000.00" in subsidy and "第五十二条" in subsidy
    closed.refresh_from_db()
    assert {k for k, _t, _n in documents.issued(closed)} >= {"aid_letter", "closing_review", "subsidy_approval"}


def test_a_sheet_with_bad_items_is_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        EvaluationSheet(effective_from=date(2025, 1, 1), name="x", items=[{"code": "1", "label": "a", "max": 0}],
                        basis="x").full_clean()


def test_the_case_page_shows_the_scores_and_the_subsidy(closed, staff, sheet, rate, login):
    WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 5),
                 data={"opinion": "材料齐全", "scores": {"a": 30, "b": 40, "c": 30}})
    page = login(staff).get(closed.get_absolute_url()).content.decode()
    assert 'id="evaluation"' in page and "文书质量" in page and "2000.00" in page


def test_the_reviews_count_by_grade_and_drill_down_to_their_cases(closed, staff, sheet, rate, units, login, users):
    from sifa.core import metrics

    WORKFLOW.run(closed, "review_closing", by=staff, on=date(2024, 6, 5),
                 data={"opinion": "材料齐全", "scores": {"a": 20, "b": 30, "c": 20}})
    WORKFLOW.run(closed, "approve_subsidy", by=staff, on=date(2024, 7, 1))
    res = metrics.compute(date(2024, 6, 1), date(2024, 6, 30), units["PT"], lines=["legalaid"])
    v = res.flat()
    assert (v["legalaid.reviewed"], v["legalaid.reviewed_pass"], v["legalaid.reviewed_good"]) == (1, 1, 0)
    assert v["legalaid.subsidies_approved"] == 0  # approved in July
    assert all(e.holds for e in res.equations)
    page = login(users["leader"]).get(reverse("legalaid:list") + "?metric=legalaid.reviewed_pass&from=2024-06-01"
                                      "&to=2024-06-30")
    assert closed.number in page.content.decode()
