"""Legality review (合法性审查) and the filing review of normative documents (备案审查), with their clocks and documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core import clocks as core_clocks
from sifa.core import district
from sifa.core.workflow import StepError
from sifa.enforcement import clocks, services
from sifa.enforcement.models import FilingOutcome, FilingState, LegalityReview, NormativeFiling, ReviewSubject

pytestmark = pytest.mark.django_db


def _text(resp) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(b"".join(resp.streaming_content)
                                                         if resp.streaming else resp.content)).paragraphs)


@pytest.fixture
def draft(division, staff, agency):
    """A draft major decision received on Monday 2024-03-04."""
    return services.legality_register(unit=division, by=staff, subject=ReviewSubject.MAJOR_DECISION,
                                      title="区老旧小区综合改造实施方案", submitted_by=agency,
                                      received_on=date(2024, 3, 4))


@pytest.fixture
def filing(division, staff, agency):
    """A normative document published 2024-01-02 and filed 2024-01-15."""
    return services.filing_register(unit=division, by=staff, title="关于规范市场经营秩序的若干规定",
                                    document_number="普市监规〔2024〕1号", issued_by=agency,
                                    published_on=date(2024, 1, 2), filed_on=date(2024, 1, 15))


# --- legality review ----------------------------------------------------------------------------------------------

def test_a_draft_starts_its_review_clock_of_seven_working_days(draft):
    assert draft.due == date(2024, 3, 13)  # 3-5..3-8, 3-11..3-13: the start day is not counted
    d = core_clocks.current(draft, clocks.LEGALITY_DECISION)
    assert d is not None and d.due == draft.due and "区默认" in d.basis


def test_the_district_sets_the_length_of_the_review(division, staff, agency):
    district.put(clocks.LEGALITY_DOCUMENT, "10")
    r = services.legality_register(unit=division, by=staff, subject=ReviewSubject.NORMATIVE_DOCUMENT,
                                   title="规范性文件草案", submitted_by=agency, received_on=date(2024, 3, 4))
    assert r.due == date(2024, 3, 18)


def test_the_opinion_is_numbered_timed_and_issued_once(draft, staff, english):
    r = services.legality_conclude(review=draft, by=staff, on=date(2024, 3, 12), conclusion="amend",
                                   opinion="第五条应当删除“一律”二字。", expected_version=draft.version)
    assert r.opinion_number and "合审" in r.opinion_number
    assert r.in_time is True and r.working_days_taken == 6
    assert core_clocks.current(r, clocks.LEGALITY_DECISION) is None
    with pytest.raises(StepError, match="issued on"):
        services.legality_conclude(review=r, by=staff, on=date(2024, 3, 13), conclusion="lawful", opinion="x")


def test_an_opinion_after_the_due_day_is_late(draft, staff):
    r = services.legality_conclude(review=draft, by=staff, on=date(2024, 3, 14), conclusion="lawful", opinion="合法。")
    assert r.in_time is False


def test_an_opinion_needs_a_conclusion_and_its_text(draft, staff, english):
    with pytest.raises(StepError) as e:
        services.legality_conclude(review=draft, by=staff, on=date(2024, 3, 12), conclusion="maybe", opinion="x")
    assert e.value.field == "conclusion"
    with pytest.raises(StepError) as e:
        services.legality_conclude(review=draft, by=staff, on=date(2024, 3, 12), conclusion="lawful", opinion=" ")
    assert e.value.field == "opinion"


def test_the_handler_receives_and_reviews_on_the_pages_and_downloads_the_opinion(login, staff, agency):
    client = login(staff)
    resp = client.post(reverse("enforcement:legality_new"), {
        "subject": "normative_document", "title": "关于加强校外培训管理的通知", "submitted_by": agency.pk,
        "received_on": "2024-03-04"})
    r = LegalityReview.objects.get(title="关于加强校外培训管理的通知")
    assert resp.status_code == 302 and resp["Location"] == r.get_absolute_url()
    page = client.get(reverse("enforcement:legality_list") + "?subject=normative_document&sort=due")
    assert r.title in page.content.decode()
    resp = client.post(r.get_absolute_url(), {"version": r.version, "on": "2024-03-20", "conclusion": "unlawful",
                                              "opinion": "第三条增设行政许可，违反《行政许可法》第十五条。"})
    assert resp.status_code == 302
    r.refresh_from_db()
    text = _text(client.get(reverse("enforcement:legality_document", args=[r.pk])))
    assert "合法性审查意见书" in text and "关于加强校外培训管理的通知" in text and "不宜按现稿提交审议" in text
    assert "第十五条" in text


def test_a_handler_of_another_division_does_not_see_a_review(login, users, draft):
    client = login(users["handler"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("enforcement:legality_list")).content.decode()


# --- filing review ------------------------------------------------------------------------------------------------

def test_filing_within_thirty_days_of_publication_is_in_time_and_the_review_clock_starts(filing):
    assert filing.filed_in_time is True and filing.state == FilingState.UNDER_REVIEW
    review = core_clocks.current(filing, clocks.FILING_REVIEW)
    # 30 calendar days from 1-15 end on 2-14, in the Spring Festival holiday: the next working day, 2-18 (调休)
    assert review.due == date(2024, 2, 18)


def test_filing_later_is_recorded_as_late(division, staff, agency):
    f = services.filing_register(unit=division, by=staff, title="迟报文件", document_number="普规〔2024〕2号",
                                 issued_by=agency, published_on=date(2024, 1, 2), filed_on=date(2024, 2, 20))
    assert f.filed_in_time is False


def test_a_document_is_filed_once_and_not_before_it_is_published(filing, division, staff, agency, english):
    with pytest.raises(StepError) as e:
        services.filing_register(unit=division, by=staff, title="重复", document_number="普市监规〔2024〕1号",
                                 issued_by=agency, published_on=date(2024, 1, 2), filed_on=date(2024, 1, 16))
    assert e.value.field == "document_number"
    with pytest.raises(StepError) as e:
        services.filing_register(unit=division, by=staff, title="倒置", document_number="普规〔2024〕9号",
                                 issued_by=agency, published_on=date(2024, 2, 2), filed_on=date(2024, 1, 16))
    assert e.value.field == "published_on"


def test_the_review_extends_by_at_most_twenty_days(filing, staff, english):
    services.filing_extend(filing=filing, by=staff, on=date(2024, 2, 1), days=15, reason="涉及多部门意见")
    assert core_clocks.current(filing, clocks.FILING_REVIEW).due == date(2024, 2, 29)
    with pytest.raises(StepError, match="at most") as e:
        services.filing_extend(filing=filing, by=staff, on=date(2024, 2, 1), days=6, reason="再延长")
    assert e.value.field == "days"
    services.filing_extend(filing=filing, by=staff, on=date(2024, 2, 2), days=5, reason="再延长")
    assert core_clocks.current(filing, clocks.FILING_REVIEW).due == date(2024, 3, 5)


def test_no_problem_files_the_document(filing, staff):
    f = services.filing_review(filing=filing, by=staff, on=date(2024, 2, 1), problem_found=False, opinion="予以备案。")
    assert f.state == FilingState.CLOSED and f.outcome == FilingOutcome.NO_ISSUE and f.reviewed_in_time is True
    assert "备审" in f.opinion_number


def test_a_problem_orders_a_correction_within_thirty_days_and_the_correction_closes_it(filing, staff):
    f = services.filing_review(filing=filing, by=staff, on=date(2024, 2, 1), problem_found=True,
                               opinion="第六条设定罚款，超越权限。")
    assert f.state == FilingState.CORRECTION and f.correction_due == date(2024, 3, 2 + 2)  # 3-2 is a Saturday
    f = services.filing_corrected(filing=f, by=staff, on=date(2024, 2, 20), note="制定机关已删除第六条并重新公布。")
    assert f.state == FilingState.CLOSED and f.outcome == FilingOutcome.CORRECTED
    assert core_clocks.current(f, clocks.FILING_CORRECTION) is None


def test_not_corrected_in_time_starts_revocation_within_sixty_days(filing, staff, english):
    f = services.filing_review(filing=filing, by=staff, on=date(2024, 2, 1), problem_found=True, opinion="越权。")
    with pytest.raises(StepError, match="not yet run out"):
        services.filing_not_corrected(filing=f, by=staff, on=f.correction_due, note="未纠正")
    f = services.filing_not_corrected(filing=f, by=staff, on=date(2024, 3, 6), note="逾期未报告纠正情况。")
    assert f.state == FilingState.REVOCATION
    d = core_clocks.current(f, clocks.FILING_REVOCATION)
    assert d.start == f.correction_due and f.revocation_due == d.due
    with pytest.raises(StepError):
        services.filing_corrected(filing=f, by=staff, on=date(2024, 3, 7), note="迟到的纠正")
    f = services.filing_revoke(filing=f, by=staff, on=date(2024, 4, 1), decision_number="普府〔2024〕30号")
    assert f.state == FilingState.CLOSED and f.outcome == FilingOutcome.REVOKED and f.revocation_number


def test_the_filing_pages_walk_the_steps_and_issue_the_opinion(login, staff, agency):
    client = login(staff)
    resp = client.post(reverse("enforcement:filing_new"), {
        "title": "关于加强停车管理的规定", "document_number": "普交规〔2024〕3号", "issued_by": agency.pk,
        "published_on": "2024-04-01", "filed_on": "2024-04-10"})
    f = NormativeFiling.objects.get(document_number="普交规〔2024〕3号")
    assert resp.status_code == 302
    resp = client.post(f.get_absolute_url(), {"step": "extend", "version": f.version, "on": "2024-04-20",
                                              "days": "25", "text": "复杂"})
    assert resp.status_code == 200 and "days" in resp.context["steps"][0][2].errors
    resp = client.post(f.get_absolute_url(), {"step": "review", "version": f.version, "on": "2024-04-25",
                                              "problem_found": "1", "text": "第四条与上位法不一致。"})
    assert resp.status_code == 302
    f.refresh_from_db()
    assert f.state == FilingState.CORRECTION
    text = _text(client.get(reverse("enforcement:filing_document", args=[f.pk])))
    assert "备案审查意见书" in text and "自行纠正" in text and "第四条与上位法不一致" in text
    page = client.get(reverse("enforcement:filings") + "?state=correction&sort=filed")
    assert "关于加强停车管理的规定" in page.content.decode()
    export = client.get(reverse("enforcement:filings") + "?export=xlsx")
    assert export.status_code == 200


def test_the_quarterly_catalogue_lists_the_documents_filed_in_the_quarter(login, staff, filing, division, agency):
    services.filing_register(unit=division, by=staff, title="第二季度文件", document_number="普规〔2024〕5号",
                             issued_by=agency, published_on=date(2024, 4, 2), filed_on=date(2024, 4, 9))
    client = login(staff)
    page = client.get(reverse("enforcement:catalogue") + "?year=2024&quarter=1").content.decode()
    assert filing.title in page and "第二季度文件" not in page
    text = "\n".join(c.text for t in Document(io.BytesIO(client.get(
        reverse("enforcement:catalogue") + "?year=2024&quarter=1&export=docx").content)).tables
        for row in t.rows for c in row.cells)
    assert filing.document_number in text and "第二季度文件" not in text
