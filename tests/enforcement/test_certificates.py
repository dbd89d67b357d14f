"""Enforcement certificates: registration, the exam with its pass mark, the review clock on working days, issue
with a number, cancellation, refusals, the register and the annual review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sifa.core import clocks as core_clocks
from sifa.core import district
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.enforcement import clocks, documents, services
from sifa.enforcement.models import CertificateStatus, Officer, State
from sifa.enforcement.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def test_an_application_starts_the_20_working_day_review_clock_across_the_holidays(apply, english):
    case = apply(received_on=date(2024, 9, 23))  # 国庆 2024: 10-01..10-07 off, 09-29 and 10-12 worked (调休)
    d = core_clocks.current(case, clocks.CERTIFICATE_REVIEW)
    assert d.count_unit == "working_days" and d.length == 20
    assert d.due == date(2024, 10, 24)
    assert "行政许可法" in d.basis and case.number.endswith("号")


def test_a_new_certificate_needs_a_passed_exam_with_the_district_pass_mark(apply, staff, english):
    case = apply()
    with pytest.raises(StepError, match="no exam result"):
        WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 20), data={"opinion": "符合条件"})
    district.put("enforcement.pass_mark", "70")
    WORKFLOW.run(case, "record_exam", by=staff, on=date(2024, 3, 15), data={"exam_score": Decimal("65")})
    case.refresh_from_db()
    assert (case.exam_score, case.pass_mark, case.exam_passed) == (Decimal("65"), Decimal("70"), False)
    with pytest.raises(StepError, match="below the pass mark 70"):
        WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 20), data={"opinion": "符合条件"})
    WORKFLOW.run(case, "refuse", by=staff, on=date(2024, 3, 20), data={"opinion": "考试不合格"})
    case.refresh_from_db()
    assert case.state == State.REFUSED and case.opinion_number and case.decided_in_time is True


def test_issuing_numbers_the_certificate_and_enters_the_holder_in_the_register(apply, staff, officer):
    case = apply()
    WORKFLOW.run(case, "record_exam", by=staff, on=date(2024, 3, 15), data={"exam_score": Decimal("88")})
    WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 20), data={"opinion": "符合持证条件"})
    case.refresh_from_db()
    officer.refresh_from_db()
    assert case.state == State.ISSUED and case.certificate_number == "普司执202400001"
    assert officer.certificate_number == case.certificate_number and officer.certificate_status == CertificateStatus.VALID
    assert core_clocks.for_case(case).get(rule=clocks.CERTIFICATE_REVIEW).state == "met"
    assert AuditEvent.objects.filter(action="enforcement.issued").exists()
    text = documents.render("review_opinion", case)
    assert text[:2] == b"PK"
    spec = documents.review_opinion(case)
    body = "".join(b.text for b in spec.body)
    assert "普司执202400001" in body and "88" in body and spec.addressee == "区市场监管局："


def test_a_holder_cannot_apply_for_a_second_new_certificate_and_a_cancellation_needs_a_reason(apply, staff, english):
    case = apply()
    WORKFLOW.run(case, "record_exam", by=staff, on=date(2024, 3, 15), data={"exam_score": Decimal("88")})
    WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 20), data={"opinion": "符合持证条件"})
    with pytest.raises(StepError, match="already holds") as exc:
        apply(received_on=date(2024, 4, 1))
    assert exc.value.field == "kind"
    with pytest.raises(StepError) as exc:
        apply(kind="cancellation", received_on=date(2024, 4, 1))
    assert exc.value.field == "reason"
    cancel = apply(kind="cancellation", received_on=date(2024, 4, 1), reason="调离执法岗位")
    with pytest.raises(StepError, match="cancellation issues no certificate"):
        WORKFLOW.run(cancel, "issue", by=staff, on=date(2024, 4, 2), data={"opinion": "x"})
    WORKFLOW.run(cancel, "cancel", by=staff, on=date(2024, 4, 2), data={"opinion": "同意注销"})
    cancel.officer.refresh_from_db()
    assert cancel.officer.certificate_status == CertificateStatus.CANCELLED


def test_a_review_opinion_is_required_and_nothing_is_half_written(apply, staff, english):
    case = apply(kind="new")
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(case, "refuse", by=staff, on=date(2024, 3, 20), data={"opinion": "  "})
    assert exc.value.field == "opinion"
    case.refresh_from_db()
    assert case.state == State.RECEIVED and not case.opinion_number


def test_the_annual_review_lists_holders_off_post_investigated_or_sanctioned(apply, staff, officer):
    case = apply()
    WORKFLOW.run(case, "record_exam", by=staff, on=date(2024, 3, 15), data={"exam_score": Decimal("88")})
    WORKFLOW.run(case, "issue", by=staff, on=date(2024, 3, 20), data={"opinion": "符合持证条件"})
    officer.refresh_from_db()
    assert not services.holders_to_cancel(Officer.objects.all()).exists()
    services.officer_flag(officer=officer, by=staff, on_post=True, under_investigation=True, sanctioned=False,
                          expected_version=officer.version)
    assert list(services.holders_to_cancel(Officer.objects.all())) == [officer]


def test_an_officer_is_registered_with_the_id_number_encrypted_and_masked(officer):
    p = officer.person
    assert p.id_number_masked and "1231002X" not in p.id_number_masked and p.id_number_enc


def test_a_wrong_day_of_receipt_is_corrected_with_a_reason_and_the_review_clock_restarts(apply, staff):
    from sifa.core import corrections

    case = apply()
    corrections.correct(case, {"received_on": date(2024, 3, 1)}, reason="收件日期录入错误", by=staff,
                        expected_version=case.version)
    case.refresh_from_db()
    assert case.received_on == date(2024, 3, 1)
    assert core_clocks.current(case, clocks.CERTIFICATE_REVIEW).start == date(2024, 3, 1)
    assert AuditEvent.objects.filter(action="case.corrected").exists()
