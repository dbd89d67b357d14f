"""The procedure of community correction through its table: report-in, announcement, contacts, 脱管 and 漏管, the
sanctions ladder, leave tiers, 解除 and 终止 — each step one transaction, audited, refused with its reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sifa.core import audit
from sifa.core import clocks as core_clocks
from sifa.core.locking import ConflictError
from sifa.core.workflow import StepError
from sifa.correction import contacts, ladder
from sifa.correction.models import Contact, Sanction, SanctionKind, State, Supervisee
from sifa.correction.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def test_intake_starts_the_report_in_clock_with_its_legal_basis(notice):
    case = notice()
    d = core_clocks.current(case, "correction.report_in")
    assert d.due == case.report_due == date(2024, 3, 14)  # ten days from 2024-03-04
    assert "第二十一条" in d.basis
    assert case.missed_after == date(2024, 3, 17)  # the district's default grace of three days
    assert case.state == State.NOTIFIED and case.person.id_number_masked and "002X" not in case.person.name
    assert audit.events_for(case).filter(action="correction.notified").exists()


def test_intake_refuses_a_judgment_registered_twice_and_an_end_before_the_start(notice):
    notice(decision_number="（2024）沪0107刑初1号")
    with pytest.raises(StepError) as exc:
        notice(decision_number="（2024）沪0107刑初1号")
    assert exc.value.field == "decision_number"
    with pytest.raises(StepError) as exc:
        notice(term_end=date(2024, 3, 1))
    assert exc.value.field == "term_end" and Supervisee.objects.count() == 1


def test_a_late_report_within_the_grace_is_caught_not_missed(notice, officer):
    case = notice()
    WORKFLOW.run(case, "report_in", by=officer, on=date(2024, 3, 16), data={"identity_checked": True})
    case.refresh_from_db()
    assert case.reported_on > case.report_due and not case.missed_intake
    assert core_clocks.for_case(case).get(rule="correction.report_in").state == "met"


def test_a_report_past_the_grace_is_missed_at_intake(notice, officer):
    case = notice()
    WORKFLOW.run(case, "report_in", by=officer, on=date(2024, 3, 20), data={"identity_checked": True})
    case.refresh_from_db()
    assert case.missed_intake


def test_the_sweep_marks_absent_persons_missed_and_lost_contacts_in_one_update(notice, supervised):
    absent = notice()
    assert contacts.sweep(date(2024, 3, 17)) == (0, 0)  # the last day of the grace
    lost, missed = contacts.sweep(date(2024, 3, 18))
    absent.refresh_from_db()
    assert missed == 1 and absent.missed_intake and lost == 0
    c = contacts.current(supervised)
    assert (c.due_on, c.lost_after) == (date(2024, 3, 15), date(2024, 3, 22))
    assert contacts.sweep(date(2024, 3, 23)) == (1, 0)
    c.refresh_from_db()
    assert c.lost


def test_the_report_in_needs_the_identity_checked(notice, officer):
    from sifa.correction.forms import ReportInForm

    case = notice()
    form = ReportInForm({"version": case.version, "on": "2024-03-08"}, case=case, user=officer)
    assert not form.is_valid() and "identity_checked" in form.errors


def test_announcement_sets_the_level_opens_a_contact_and_issues_the_announcement(supervised):
    assert supervised.state == State.SUPERVISED and supervised.level == "strict"
    assert supervised.announcement_number.startswith("普司矫矫宣〔2024〕")
    c = contacts.current(supervised)
    assert c.start == date(2024, 3, 8) and c.due_on == date(2024, 3, 15)


def test_a_contact_met_late_but_within_the_threshold_is_not_lost(supervised, officer):
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 18), data={"method": "phone"})
    met = Contact.objects.get(supervisee=supervised, met_on=date(2024, 3, 18))
    assert met.late and not met.lost
    nxt = contacts.current(supervised)
    assert nxt.start == date(2024, 3, 18) and nxt.due_on == date(2024, 3, 25)
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 4, 5), data={"method": "visit"})
    assert Contact.objects.get(supervisee=supervised, met_on=date(2024, 4, 5)).lost  # found after the threshold


def test_the_contact_interval_is_the_districts_data(supervised, officer):
    from sifa.core import district

    district.put("correction.contact_days.ordinary", "20")
    WORKFLOW.run(supervised, "change_level", by=officer, on=date(2024, 3, 10),
                 data={"level": "ordinary", "reason": "表现良好"})
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 12), data={"method": "phone"})
    assert contacts.current(supervised).due_on == date(2024, 4, 1)


def test_the_ladder_as_data():
    assert ladder.propose({}) == (SanctionKind.ADMONITION, ladder.DEFAULT[1])
    assert ladder.propose({SanctionKind.ADMONITION: 2})[0] == SanctionKind.WARNING
    assert ladder.propose({SanctionKind.WARNING: 2})[0] == SanctionKind.REVOCATION
    assert ladder.propose({SanctionKind.POLICE_PENALTY: 1})[0] == SanctionKind.REVOCATION
    assert ladder.propose({}, days_out=11)[0] == SanctionKind.WARNING
    assert ladder.propose({}, days_out=31)[0] == SanctionKind.REVOCATION


def test_two_admonitions_propose_a_warning_and_a_departure_needs_its_reason(supervised, officer):
    for day in (10, 12):
        WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 3, day),
                     data={"kind": "admonition", "facts": "未按时报告", "days_out": 0})
    assert ladder.propose_for(supervised)[0] == SanctionKind.WARNING
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 3, 14),
                     data={"kind": "admonition", "facts": "再次未按时报告", "days_out": 0})
    assert exc.value.field == "departure_reason" and Sanction.objects.count() == 2
    s = WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 3, 14),
                     data={"kind": "admonition", "facts": "再次未按时报告", "days_out": 0,
                           "departure_reason": "系因就医，已补报，情节轻微"})
    assert s.proposed == SanctionKind.WARNING and s.kind == SanctionKind.ADMONITION
    assert s.number.startswith("普司矫矫训〔2024〕")
    ev = audit.events_for(supervised).filter(action="correction.sanction_decided").last()
    assert ev is not None


def test_a_justice_office_may_not_decide_a_warning(supervised, office_officer):
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "sanction", by=office_officer, on=date(2024, 3, 14),
                     data={"kind": "warning", "facts": "脱离监管十二日", "days_out": 12})
    assert exc.value.field == "kind" and not Sanction.objects.exists()


def test_a_revocation_recommendation_starts_the_courts_thirty_days(supervised, officer):
    s = WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 4, 20),
                     data={"kind": "revocation", "facts": "脱离监管超过一个月", "days_out": 35})
    d = core_clocks.current(supervised, "correction.court_ruling")
    assert d.due == s.court_due == date(2024, 5, 20) and "第四十八条" in d.basis
    WORKFLOW.run(supervised, "terminate", by=officer, on=date(2024, 5, 10), data={"end_reason": "revoked"})
    supervised.refresh_from_db()
    assert supervised.state == State.TERMINATED
    assert core_clocks.for_case(supervised).get(rule="correction.court_ruling").state == "met"
    assert contacts.current(supervised) is None


def test_leave_tiers_and_the_two_months_total(supervised, officer, office_officer):
    short = WORKFLOW.run(supervised, "leave", by=office_officer, on=date(2024, 3, 10),
                         data={"destination": "苏州", "reason": "探亲", "start": date(2024, 3, 11),
                               "end": date(2024, 3, 17), "approve": True})
    assert short.tier == "office" and short.days == 7 and short.number
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "leave", by=office_officer, on=date(2024, 3, 20),
                     data={"destination": "杭州", "reason": "就医", "start": date(2024, 3, 21),
                           "end": date(2024, 3, 29), "approve": True})
    assert exc.value.field == "end"
    long = WORKFLOW.run(supervised, "leave", by=officer, on=date(2024, 3, 20),
                        data={"destination": "杭州", "reason": "就医", "start": date(2024, 3, 21),
                              "end": date(2024, 3, 29), "approve": True})
    assert long.tier == "bureau" and long.days_in_two_months == 16


def test_the_end_waits_for_the_term_and_issues_the_certificate(supervised, officer):
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "end", by=officer, on=date(2024, 12, 1), data={"end_reason": "term"})
    assert exc.value.field == "on"
    supervised.refresh_from_db()
    assert supervised.state == State.SUPERVISED
    WORKFLOW.run(supervised, "end", by=officer, on=date(2025, 3, 3), data={"end_reason": "term"})
    supervised.refresh_from_db()
    assert supervised.state == State.ENDED and supervised.end_number and supervised.closed_on == date(2025, 3, 3)
    assert not Contact.objects.filter(supervisee=supervised, met_on__isnull=True, cancelled_on__isnull=True).exists()


def test_a_stale_version_is_refused(supervised, officer):
    stale = supervised.version
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 12), data={"method": "phone"})
    with pytest.raises(ConflictError):
        WORKFLOW.run(Supervisee.objects.get(pk=supervised.pk), "record_contact", by=officer, on=date(2024, 3, 13),
                     data={"method": "phone"}, expected_version=stale)


def test_every_step_has_a_chinese_legal_basis_and_an_event_name():
    from sifa.core import events

    for t in WORKFLOW:
        assert "《社区矫正法》" in t.basis, t.name
    for code in WORKFLOW.event_codes():
        assert events.kind(code) is not None, code


def test_days_are_counted_from_the_effective_day(notice):
    case = notice(effective_on=date(2024, 9, 20), notice_received_on=date(2024, 9, 21), term_end=date(2025, 9, 19))
    assert case.report_due >= case.effective_on + timedelta(days=10)  # moved past the National Day holiday
