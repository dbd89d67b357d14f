"""Case-file evaluation: the reproducible draw, evaluators never on their own agency, the scoring sheet as data,
unit scores, the bulletin and rectification with its clock; legal advisers' work items and agreement review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sifa.core import clocks as core_clocks
from sifa.core.workflow import StepError
from sifa.enforcement import clocks, documents, evaluation, services
from sifa.enforcement.models import CampaignAgency, Grade

pytestmark = pytest.mark.django_db

FILES = st.lists(st.text(alphabet="0123456789号罚", min_size=1, max_size=6), min_size=1, max_size=40)


@settings(deadline=None)
@given(FILES, st.text(min_size=1, max_size=10), st.integers(min_value=1, max_value=10))
def test_the_draw_depends_on_the_seed_and_the_candidates_only(files, seed, n):
    once = evaluation.draw(seed, files, n)
    assert once == evaluation.draw(seed, list(reversed(files)), n)  # the declared order does not matter
    assert len(once) == min(n, len({f.strip() for f in files if f.strip()}))
    assert set(once) <= {f.strip() for f in files}


def test_nobody_evaluates_their_own_agency():
    files = [(1, 10), (2, 10), (3, 20), (4, 30)]
    chosen = evaluation.assign(files, [(100, 10), (200, 20), (300, None)])
    own = {100: 10, 200: 20, 300: None}
    assert all(own[chosen[f]] != agency for f, agency in files)
    with pytest.raises(StepError):
        evaluation.assign([(1, 10)], [(100, 10)])


class Sheet:
    vetoes = evaluation.DEFAULT_SHEET["vetoes"]
    sections = evaluation.DEFAULT_SHEET["sections"]
    excellent_from, pass_from = 90, 60


def test_a_veto_item_fails_the_file_at_zero_and_sections_lose_at_most_their_cap():
    assert evaluation.score(Sheet, vetoes=["evidence"], deductions={"cover": 1}).score == 0
    assert evaluation.score(Sheet, vetoes=["evidence"], deductions={}).grade == Grade.FAIL
    capped = evaluation.score(Sheet, vetoes=[], deductions={"cover": 30})  # 60 points of defects, cap 20
    assert capped.score == Decimal("80.0") and capped.grade == Grade.PASS
    assert evaluation.score(Sheet, vetoes=[], deductions={"order": 5}).grade == Grade.EXCELLENT  # 95
    assert evaluation.score(Sheet, vetoes=[], deductions={"cover": 10, "legal_review": 8}).score == 0  # never < 0
    with pytest.raises(StepError):
        evaluation.score(Sheet, vetoes=["nonsense"], deductions={})


@pytest.fixture
def campaign(division, staff, units):
    return services.campaign_create(
        unit=division, by=staff, name="测试评查", year=2024, started_on=date(2024, 5, 6),
        candidates={units["PT-SCJG"]: [f"市监罚{n}" for n in range(1, 11)],
                    units["PT-WLJ"]: [f"文旅罚{n}" for n in range(1, 6)]},
        evaluators=[("甲", units["PT-SCJG"]), ("乙", units["PT-WLJ"])], files_per_agency=2)


def test_a_campaign_draws_scores_reports_and_sends_rectification_with_its_clock(campaign, staff, units):
    files = services.campaign_draw(campaign=campaign, by=staff, seed="s-1", on=date(2024, 5, 7),
                                   expected_version=campaign.version)
    assert len(files) == 4
    assert all(f.evaluator.agency_id != f.agency_id for f in files)
    campaign.refresh_from_db()
    assert campaign.seed == "s-1" and services.redraw(campaign)["PT-SCJG"] == sorted(
        f.file_number for f in files if f.agency.code == "PT-SCJG")
    with pytest.raises(StepError):
        services.campaign_report(campaign=campaign, by=staff, on=date(2024, 5, 20))
    scm = [f for f in files if f.agency.code == "PT-SCJG"]
    services.file_score(file=scm[0], by=staff, on=date(2024, 5, 10), deductions={"order": 5})  # 95
    services.file_score(file=scm[1], by=staff, on=date(2024, 5, 10), vetoes=["procedure"])  # 0
    for f in files:
        if f.agency.code == "PT-WLJ":
            services.file_score(file=f, by=staff, on=date(2024, 5, 10), deductions={"service": 2})  # 90
    ca = CampaignAgency.objects.get(campaign=campaign, agency=units["PT-SCJG"])
    assert ca.score == Decimal("47.5") and ca.grade == Grade.FAIL  # the mean of 95 and 0
    campaign.refresh_from_db()
    services.campaign_report(campaign=campaign, by=staff, on=date(2024, 5, 20), expected_version=campaign.version)
    campaign.refresh_from_db()
    spec = documents.bulletin(campaign)
    text = "".join(b.text for b in spec.body)
    assert "s-1" in text and "共评查案卷4卷" in text and "不合格1卷" in text
    r = services.rectification_notify(campaign=campaign, agency=units["PT-SCJG"], by=staff, on=date(2024, 5, 21),
                                      findings="程序违法")
    d = core_clocks.current(r, clocks.RECTIFICATION)
    assert r.due == d.due == date(2024, 7, 3)  # 30 working days; 端午 2024-06-10 is a holiday
    assert documents.render("rectification_notice", r)[:2] == b"PK"
    services.rectification_close(rectification=r, by=staff, on=date(2024, 6, 28), report="已整改",
                                 expected_version=r.version)
    assert core_clocks.for_case(r).get().state == "met"


def test_a_draw_happens_once(campaign, staff):
    services.campaign_draw(campaign=campaign, by=staff, seed="s", on=date(2024, 5, 7))
    with pytest.raises(StepError):
        services.campaign_draw(campaign=campaign, by=staff, seed="t", on=date(2024, 5, 8))


def test_an_agreement_review_counts_the_working_days_taken_and_issues_the_opinion(division, staff):
    a = services.agreement_register(unit=division, by=staff, title="战略合作框架协议", counterparty="某交易所",
                                    received_on=date(2024, 9, 27))  # a Friday; 10-01..07 off, 09-29 worked (调休)
    assert core_clocks.current(a, clocks.AGREEMENT_REVIEW).due == date(2024, 10, 10)  # 09-29 (a Sunday) was worked
    services.agreement_review(review=a, by=staff, on=date(2024, 10, 8), opinion="建议明确违约责任。",
                              expected_version=a.version)
    a.refresh_from_db()
    assert a.working_days_taken == 3 and a.opinion_number  # 09-29, 09-30, 10-08
    assert documents.render("legal_opinion", a)[:2] == b"PK"


def test_a_work_item_is_delivered_once_and_not_before_it_was_assigned(division, staff, english):
    w = services.work_item_assign(unit=division, by=staff, adviser="陈明", kind="drafting", subject="审查文件草案",
                                  assigned_on=date(2024, 3, 4), due=date(2024, 3, 8))
    with pytest.raises(StepError) as exc:
        services.work_item_deliver(item=w, by=staff, on=date(2024, 3, 1), opinion="意见")
    assert exc.value.field == "on"
    services.work_item_deliver(item=w, by=staff, on=date(2024, 3, 7), opinion="意见", expected_version=w.version)
    with pytest.raises(StepError):
        services.work_item_deliver(item=w, by=staff, on=date(2024, 3, 8), opinion="意见")
