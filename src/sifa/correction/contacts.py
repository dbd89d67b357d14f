"""The contact clocks of supervision: one open `Contact` per person under correction, due after the interval of the
person's classification level (district data), and out of supervision (脱管) past the district's threshold.

A contact met is closed and the next opens from that day; a contact met after its loss-of-contact day is marked
lost all the same (the person was out of supervision and then found: 社区矫正法 第三十条). The sweep marks, in one
UPDATE, the open contacts whose loss-of-contact day has passed, and the persons not reported in past the intake
grace (漏管).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core.workflow import StepError

from . import district
from .models import Contact, Search, SearchOutcome, State, Supervisee


def due_dates(level: str, start: date, standards: dict | None = None) -> tuple[date, date]:
    """The day a contact opened on `start` is due at `level`, and the day after which it is loss of contact."""
    values = standards or district.standards()
    due = start + timedelta(days=values[district.CONTACT_DAYS.format(level=level)])
    return due, due + timedelta(days=values[district.LOST_CONTACT_DAYS])


def open_next(case: Supervisee, *, start: date) -> Contact:
    due, lost_after = due_dates(case.level, start)
    return Contact.objects.create(supervisee=case, unit=case.unit, level=case.level, start=start, due_on=due,
                                  lost_after=lost_after)


def current(case: Supervisee) -> Contact | None:
    return case.contacts.filter(met_on__isnull=True, cancelled_on__isnull=True).order_by("-pk").first()


def meet(case: Supervisee, *, on: date, method: str, note: str = "") -> Contact:
    c = current(case)
    if c is None:
        raise StepError(_("No contact is due for this person."))
    if on < c.start:
        raise StepError(_("The contact cannot precede %(day)s.") % {"day": c.start}, field="on")
    c.met_on, c.method, c.note = on, method, note.strip()
    c.lost = c.lost or on > c.lost_after
    c.save(update_fields=["met_on", "method", "note", "lost"])
    if c.lost:  # back in contact: the search (第三十条) ends, opened now if the sweep had not run yet
        search = case.searches.filter(found_on__isnull=True).order_by("-pk").first()
        if search is None:
            search = Search(supervisee=case, unit=case.unit, contact=c, lost_since=c.lost_after + timedelta(days=1),
                            started_on=on)
        search.found_on, search.outcome = on, SearchOutcome.RETURNED
        search.measures = search.measures or _("Contact re-established: %(method)s.") % {
            "method": c.get_method_display()}
        search.save()
    open_next(case, start=on)
    return c


def cancel_open(case: Supervisee, on: date) -> int:
    return case.contacts.filter(met_on__isnull=True, cancelled_on__isnull=True, lost=False).update(cancelled_on=on)


def sweep(today: date | None = None) -> tuple[int, int]:
    """Mark, set-based, the open contacts past their loss-of-contact day (脱管) and the persons not reported in past
    the intake grace (漏管), and open the search each new loss of contact calls for (第三十条: 立即组织查找), dated
    today. Returns (contacts marked lost, persons marked missed)."""
    today = today or timezone.localdate()
    late = Contact.objects.filter(met_on__isnull=True, cancelled_on__isnull=True, lost=False, lost_after__lt=today)
    found = list(late.values_list("pk", "supervisee_id", "unit_id", "lost_after"))
    lost = late.update(lost=True)
    searching = set(Search.objects.filter(found_on__isnull=True, supervisee_id__in={r[1] for r in found})
                    .values_list("supervisee_id", flat=True))
    Search.objects.bulk_create([Search(contact_id=pk, supervisee_id=sid, unit_id=uid,
                                       lost_since=after + timedelta(days=1), started_on=today)
                                for pk, sid, uid, after in found if sid not in searching], batch_size=2000)
    missed = Supervisee.objects.filter(state=State.NOTIFIED, reported_on__isnull=True, missed_intake=False,
                                       missed_after__lt=today).update(missed_intake=True)
    return lost, missed
