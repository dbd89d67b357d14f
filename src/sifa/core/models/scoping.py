"""Unit scoping, implemented once: a user sees the records of the unit subtrees they belong to.

Every scoped model has a foreign key to `core.Unit` (named by `scope_field`, default "unit"); its manager
offers `visible_to(user)`, used by every selector, view, admin page and API.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def user_unit_paths(user) -> list[str]:
    """The materialised paths of the units a user belongs to (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_sifa_unit_paths", None)
    if cached is None:
        from .org import Membership

        paths = sorted(set(Membership.objects.filter(user=user).values_list("unit__path", flat=True)))
        # Drop paths inside another path: the outer subtree already covers them.
        cached = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        user._sifa_unit_paths = cached
    return cached


def scope_q(user, field: str = "unit") -> Q:
    paths = user_unit_paths(user)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(**{f"{field}__path__startswith": p})
    return q


class ScopedQuerySet(models.QuerySet):
    scope_field = "unit"

    def visible_to(self, user):
        field = getattr(self.model, "scope_field", self.scope_field)
        return self.filter(scope_q(user, field))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def can_see_unit(user, unit) -> bool:
    return unit is not None and any(unit.path.startswith(p) for p in user_unit_paths(user))
