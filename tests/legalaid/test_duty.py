"""The duty schedule (值班表): roster lawyers on duty at the centre, the justice offices, courts and detention
centres by half-day; one duty at a time per lawyer; the record of each duty and the help given; its list with
filters, sort and export; its figures with their drill-down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sifa.core import metrics
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.legalaid import services
from sifa.legalaid.models import DutyShift, RosterLawyer

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def lawyer(centre, firm):
    return RosterLawyer.objects.create(unit=centre, name="陈明", law_firm=firm, position=1)


@pytest.fixture
def office(units):
    return next(u for code, u in units.items() if code.startswith("PT-SFS-"))


def test_a_lawyer_is_on_one_duty_at_a_time(centre, staff, lawyer, office):
    day = date(2024, 3, 4)
    services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=day, period="am")
    services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=day, period="pm")
    for period in ("am", "day"):
        with pytest.raises(StepError) as exc:
            services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=day, period=period)
        assert exc.value.field == "period"
    services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=day + timedelta(days=1),
                           period="day")
    with pytest.raises(StepError):
        services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=day + timedelta(days=1),
                               period="pm")
    assert DutyShift.objects.count() == 3
    assert AuditEvent.objects.filter(action="legalaid.duty.scheduled").count() == 3


def test_duty_places_and_lawyers_are_checked(centre, staff, lawyer, units, firm):
    with pytest.raises(StepError) as exc:
        services.duty_schedule(unit=centre, by=staff, place=firm, lawyer=lawyer, on=date(2024, 3, 4), period="am")
    assert exc.value.field == "place"
    lawyer.active = False
    lawyer.save()
    with pytest.raises(StepError) as exc:
        services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=date(2024, 3, 4),
                               period="am")
    assert exc.value.field == "lawyer"
    assert not DutyShift.objects.exists()


def test_help_marks_the_duty_served_and_a_future_duty_records_nothing(centre, staff, lawyer, office):
    today = timezone.localdate()
    later = services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer,
                                   on=today + timedelta(days=3), period="am")
    with pytest.raises(StepError):
        services.duty_help_add(shift=later, by=staff, kind="consultation", persons=1, category="labour")
    with pytest.raises(StepError):
        services.duty_record(shift=later, by=staff, served=True)
    shift = services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=today, period="am")
    services.duty_help_add(shift=shift, by=staff, kind="consultation", persons=2, category="labour")
    shift.refresh_from_db()
    assert shift.served is True
    with pytest.raises(StepError):  # help was given: it cannot have been missed
        services.duty_record(shift=shift, by=staff, served=False)
    with pytest.raises(StepError):  # nor be taken off the schedule
        services.duty_cancel(shift=shift, by=staff)
    services.duty_cancel(shift=later, by=staff)
    assert not DutyShift.objects.filter(pk=later.pk).exists()


def test_the_figures_count_served_and_missed_duties_and_the_persons_helped(centre, staff, lawyer, office, firm):
    other = RosterLawyer.objects.create(unit=centre, name="林静", law_firm=firm, position=2)
    a = services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=date(2024, 3, 4), period="am")
    b = services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=other, on=date(2024, 3, 4), period="day")
    c = services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=date(2024, 3, 5), period="am")
    services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=date(2024, 4, 1), period="am")
    services.duty_help_add(shift=a, by=staff, kind="consultation", persons=3, category="labour")
    services.duty_help_add(shift=a, by=staff, kind="application", persons=1, category="legal_aid")
    services.duty_help_add(shift=b, by=staff, kind="drafting", persons=2, category="contract")
    services.duty_record(shift=c, by=staff, served=False, note="病假")
    res = metrics.compute(date(2024, 3, 1), date(2024, 3, 31), lines=["legalaid"])
    assert (res.values["legalaid.duty_shifts"], res.values["legalaid.duty_shifts_missed"],
            res.values["legalaid.duty_helped"]) == (2, 1, 6)
    assert set(metrics.cases_for("legalaid.duty_shifts", date(2024, 3, 1), date(2024, 3, 31))) == {a, b}


def test_the_schedule_page_filters_sorts_exports_and_drills_down(centre, staff, lawyer, office, login):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    s1 = services.duty_schedule(unit=centre, by=staff, place=office, lawyer=lawyer, on=monday, period="am")
    s2 = services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=monday + timedelta(days=1),
                                period="pm")
    services.duty_schedule(unit=centre, by=staff, place=centre, lawyer=lawyer, on=monday + timedelta(days=30),
                           period="pm")
    client = login(staff)
    page = client.get(reverse("legalaid:duty"), **ZH)
    assert [s.pk for s in page.context["page"].rows] == [s1.pk, s2.pk]  # the coming two weeks, by day
    html = page.content.decode()
    assert "值班表" in html and "陈明" in html
    desc = client.get(reverse("legalaid:duty"), {"sort": "-on", "date_from": monday.isoformat()}, **ZH)
    assert [s.on for s in desc.context["page"].rows][0] == monday + timedelta(days=30)
    placed = client.get(reverse("legalaid:duty"), {"place": office.pk, "date_from": "2000-01-01"}, **ZH)
    assert [s.pk for s in placed.context["page"].rows] == [s1.pk]
    export = client.get(reverse("legalaid:duty"), {"export": "xlsx", "date_from": "2000-01-01"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    services.duty_help_add(shift=s1, by=staff, kind="consultation", persons=2, category="labour") \
        if s1.on <= today else None
    frm, to = (monday - timedelta(days=1)).isoformat(), (monday + timedelta(days=1)).isoformat()
    drill = client.get(reverse("legalaid:list"), {"metric": "legalaid.duty_helped", "from": frm, "to": to})
    assert drill.status_code == 302 and drill["Location"].startswith(reverse("legalaid:duty"))
    rows = client.get(drill["Location"], **ZH).context["page"].rows
    assert [s.pk for s in rows] == ([s1.pk] if s1.on <= today else [])


def test_scheduling_and_recording_through_the_pages(centre, staff, lawyer, office, login):
    client = login(staff)
    today = timezone.localdate()
    form = client.get(reverse("legalaid:duty_new"), **ZH)
    assert lawyer in form.context["form"].fields["lawyer"].queryset
    resp = client.post(reverse("legalaid:duty_new"), {"on": today.isoformat(), "period": "am", "place": office.pk,
                                                      "lawyer": lawyer.pk}, **ZH)
    assert resp.status_code == 302
    shift = DutyShift.objects.get()
    clash = client.post(reverse("legalaid:duty_new"), {"on": today.isoformat(), "period": "day",
                                                       "place": centre.pk, "lawyer": lawyer.pk}, **ZH)
    assert clash.status_code == 200 and "period" in clash.context["form"].errors
    url = reverse("legalaid:duty_shift", args=[shift.pk])
    bad = client.post(url, {"form": "help", "help-kind": "consultation", "help-category": "labour",
                            "help-persons": "0"}, **ZH)
    assert bad.status_code == 200 and "persons" in bad.context["help_form"].errors
    ok = client.post(url, {"form": "help", "help-kind": "consultation", "help-category": "labour",
                           "help-persons": "4", "help-note": "欠薪咨询"}, **ZH)
    assert ok.status_code == 302
    shift.refresh_from_db()
    assert shift.served is True and shift.helps.get().persons == 4
    # the leader reads the schedule but records nothing
    leader = login(staff.__class__.objects.get(username="leader"))
    assert leader.get(url).status_code == 200
    assert leader.post(url, {"form": "record", "record-served": "no"}).status_code == 404
