"""Referrals between the bureau's lines: a line hands a matter that belongs to another line's procedure (a
petition that is really an application for administrative reconsideration, a consultation that needs mediation)
to that line. The referral is a record of its own (`core.models.Referral`): from which line and record, to which
line, the reason, and its state — sent, then taken up or declined by the receiving line. Each service is one
transaction and writes one audit event about the referred record, so the record's history shows it.

A line refers with `refer(record, to_line=..., reason=..., on=..., by=...)`; the receiving line lists
`incoming(line)` and answers with `take_up` or `decline`. No line names another: lines are named by their keys in
the line registry (`core.lines`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, lines
from .events import register_all
from .models.referrals import Referral, ReferralState

__all__ = ["Referral", "ReferralState", "decline", "for_record", "incoming", "refer", "take_up"]

register_all({
    "core.referral.sent": gettext_lazy("Referred to another line"),
    "core.referral.taken": gettext_lazy("Referral taken up"),
    "core.referral.declined": gettext_lazy("Referral declined"),
})


def _ct(record) -> ContentType:
    return ContentType.objects.get_for_model(type(record), for_concrete_model=False)


def for_record(record) -> models.QuerySet[Referral]:
    """The referrals of one record, newest first."""
    return Referral.objects.filter(content_type=_ct(record), object_id=record.pk)


def incoming(line: str) -> models.QuerySet[Referral]:
    """What other lines referred to `line` and it has not yet taken up or declined."""
    return Referral.objects.filter(to_line=line, state=ReferralState.SENT)


def line_label(key: str) -> str:
    return str(lines.get(key).label) if lines.is_line(key) else key


@transaction.atomic
def refer(record, *, to_line: str, reason: str, on: dt.date, by, unit=None) -> Referral:
    """Refer `record` (a model instance of a line) to the line `to_line`; one open referral per record and line."""
    from_line = record._meta.app_label
    reason = (reason or "").strip()
    if not lines.is_line(to_line) or to_line == from_line:
        raise ValidationError({"to_line": [_("Choose another line of the bureau.")]})
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the referral.")]})
    if on > timezone.localdate():
        raise ValidationError({"on": [_("This date is in the future.")]})
    if for_record(record).filter(to_line=to_line, state=ReferralState.SENT).exists():
        raise ValidationError({"to_line": [_("This matter is already referred to that line.")]})
    unit = unit or record.unit
    r = Referral.objects.create(from_line=from_line, content_type=_ct(record), object_id=record.pk,
                                record_label=str(record)[:200], to_line=to_line, reason=reason, sent_on=on,
                                unit=unit, created_by=by if getattr(by, "pk", None) else None)
    audit.record(by, "core.referral.sent", record, summary=line_label(to_line),
                 payload={"referral": r.pk, "to_line": to_line, "on": on, "reason": reason[:200]})
    return r


def _decide(referral: Referral, state: str, *, on: dt.date, by, note: str) -> Referral:
    r = Referral.objects.select_for_update().get(pk=referral.pk)
    if r.state != ReferralState.SENT:
        raise ValidationError(_("This referral has been answered already."))
    if on < r.sent_on or on > timezone.localdate():
        raise ValidationError({"on": [_("The answer falls between the referral and today.")]})
    r.state, r.decided_on, r.decision_note = state, on, (note or "").strip()[:200]
    r.save(update_fields=["state", "decided_on", "decision_note"])
    audit.record(by, f"core.referral.{state}", r.record, summary=line_label(r.to_line),
                 payload={"referral": r.pk, "on": on, "note": r.decision_note}, unit=r.unit)
    return r


@transaction.atomic
def take_up(referral: Referral, *, on: dt.date, by, note: str = "") -> Referral:
    """The receiving line takes the matter up (e.g. registers the application it becomes)."""
    return _decide(referral, ReferralState.TAKEN, on=on, by=by, note=note)


@transaction.atomic
def decline(referral: Referral, *, on: dt.date, by, note: str) -> Referral:
    """The receiving line declines it, with a note (the matter goes back to the referring line's staff)."""
    if not (note or "").strip():
        raise ValidationError({"note": [_("Say why the referral is declined.")]})
    return _decide(referral, ReferralState.DECLINED, on=on, by=by, note=note)
