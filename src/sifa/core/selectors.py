from __future__ import annotations

from django.db.models import Q, QuerySet

from . import crypto
from .models import AuditEvent, Party, Unit
from .validators import MOBILE_RE


def party_search(*, user, q: str = "") -> QuerySet[Party]:
    """Parties the user may see, by name, by whole ID or phone number (keyed hash), or by credit code."""
    qs = Party.objects.visible_to(user).select_related("unit")
    q = (q or "").strip()
    if not q:
        return qs
    upper = q.upper()
    if len(upper) == 18 and upper[:17].isdigit():
        return qs.filter(Q(id_number_hash=crypto.lookup_hash(upper)) | Q(credit_code=upper))
    if len(upper) == 18:
        return qs.filter(credit_code=upper)
    if MOBILE_RE.fullmatch(q):
        return qs.filter(phone_hash=crypto.lookup_hash(q))
    return qs.filter(name__icontains=q)


def unit_tree(*, user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).order_by("path")


def audit_events(*, actor=None, object_type: str = "", object_id: str = "", action: str = "",
                 date_from=None, date_to=None) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("actor").order_by("-seq")
    if actor:
        qs = qs.filter(actor=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if action:
        qs = qs.filter(action__startswith=action)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs
