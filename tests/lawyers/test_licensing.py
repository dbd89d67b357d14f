"""Licensing matters: accepted by the district, reviewed within 20 days and reported to the city bureau with the
opinion (律师法 第六条、第十八条), the city's decision recorded; the register's status history and annual inspection."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.core import clocks
from sifa.core.workflow import StepError
from sifa.lawyers import documents, services
from sifa.lawyers.clocks import CITY_DECISION, REVIEW
from sifa.lawyers.models import LicensingState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def matter(division, staff, firm):
    return services.matter_register(unit=division, by=staff, kind="lawyer_licence", applicant="孙申请",
                                    received_on=date(2024, 3, 4), firm=firm)


def test_acceptance_starts_the_twenty_day_review(matter):
    d = clocks.for_case(matter).get(rule=REVIEW)
    assert d.due == date(2024, 3, 25) and "第六条" in d.basis  # 24 March is a Sunday: the next working day


def test_the_report_meets_the_review_and_starts_the_citys_period(matter, staff):
    services.matter_step(matter, "report", by=staff, on=date(2024, 3, 20), data={"opinion": "agree", "opinion_text": ""})
    matter.refresh_from_db()
    assert matter.state == LicensingState.REPORTED and matter.reported_in_time is True and matter.report_number
    assert clocks.for_case(matter).get(rule=REVIEW).state == "met"
    assert clocks.for_case(matter).get(rule=CITY_DECISION).state in ("running", "overdue")
    assert "许可初审意见" in documents.review_opinion(matter).title
    with pytest.raises(StepError) as exc:
        services.matter_step(matter, "approved", by=staff, on=date(2024, 3, 28), data={"decision_number": " "})
    assert exc.value.field == "decision_number"
    services.matter_step(matter, "approved", by=staff, on=date(2024, 3, 28), data={"decision_number": "沪司许1号"})
    matter.refresh_from_db()
    assert matter.state == LicensingState.APPROVED and matter.closed_on == date(2024, 3, 28)


def test_a_refusal_opinion_gives_reasons(matter, staff):
    with pytest.raises(StepError) as exc:
        services.matter_step(matter, "report", by=staff, on=date(2024, 3, 20),
                             data={"opinion": "disagree", "opinion_text": ""})
    assert exc.value.field == "opinion_text"
    matter.refresh_from_db()
    assert matter.state == LicensingState.RECEIVED and not matter.report_number


def test_status_history_and_annual_inspection(lawyer, firm, staff):
    services.status_change(lawyer, status="suspended", on=date(2024, 5, 1), reason="停止执业三个月", by=staff)
    with pytest.raises(StepError):  # before the last change
        services.status_change(lawyer, status="practising", on=date(2024, 4, 1), reason="期满", by=staff)
    services.status_change(lawyer, status="practising", on=date(2024, 8, 1), reason="期满恢复", by=staff)
    assert [c.status for c in lawyer.status_changes.all()] == ["suspended", "practising"]
    services.inspection_record(firm, year=2023, result="合格", on=date(2024, 5, 31), by=staff)
    with pytest.raises(StepError):  # once a year
        services.inspection_record(firm, year=2023, result="合格", on=date(2024, 6, 1), by=staff)
    with pytest.raises(StepError):  # a firm passes or fails; 称职 is a lawyer's result
        services.inspection_record(firm, year=2022, result="称职", on=date(2024, 6, 1), by=staff)
    services.inspection_record(lawyer, year=2023, result="称职", on=date(2024, 5, 31), by=staff)
    assert firm.assessments.get().result == "合格" and lawyer.assessments.get().year == 2023
