"""Unit scoping, implemented once: a user sees the records of the unit subtrees they belong to.

Every scoped model has a foreign key to `core.Unit` (named by `scope_field`, default "unit"); its manager
offers `visible_to(user)`, used by every selector, view, admin page and API.
"""

from __future__ import annotations

import rules
from django.db import models
from django.db.models import Q

ACCESS_TTL = 300  # seconds a user's permissions and unit paths stay in the cache (the stamp retires them sooner)


def access_of(user) -> tuple[frozenset[str], list[str]]:
    """A signed-in user's role permissions ("app.codename") and the paths of the subtrees they see.

    Read once per request (kept on the user object) and once per user and access version across requests (the
    cache): every page asks for both, and they change only when an administrator changes memberships or roles,
    which moves `User.access_stamp` on (core.signals) and so retires the cached entry at once, in every process
    (the stamp is read with the user on every request)."""
    cached = getattr(user, "_sifa_access", None)
    if cached is None:
        from django.core.cache import cache

        joined = user.date_joined.timestamp() if user.date_joined else 0  # a reused primary key is another user
        key = f"sifa:access:{user.pk}:{user.access_stamp}:{joined}"
        cached = cache.get(key)
        if cached is None:
            cached = (_role_permissions(user), _unit_paths(user))
            cache.set(key, cached, ACCESS_TTL)
        user._sifa_access = cached
    return cached


def _role_permissions(user) -> frozenset[str]:
    from django.contrib.auth.models import Permission

    rows = Permission.objects.filter(role__memberships__user=user).values_list(
        "content_type__app_label", "codename").distinct()
    return frozenset(f"{app}.{code}" for app, code in rows)


def _unit_paths(user) -> list[str]:
    from .org import Membership

    paths = sorted(set(Membership.objects.filter(user=user).values_list("unit__path", flat=True)))
    # Drop paths inside another path: the outer subtree already covers them.
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def forget_access(user) -> None:
    """Drop what this user object holds of its permissions and scope (after its access stamp moved on)."""
    user.__dict__.pop("_sifa_access", None)


def user_unit_paths(user) -> list[str]:
    """The materialised paths of the units a user belongs to (outermost only; cached, see `access_of`)."""
    if user is None or not user.is_authenticated:
        return []
    return access_of(user)[1]


def within_q(paths: list[str], field: str = "unit") -> Q:
    """The rows whose `field` (a foreign key to Unit; "" for units themselves) lies in the subtrees at `paths`."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    q = Q(pk__in=[]) if not paths else Q()
    for p in paths:
        q |= Q(**{lookup: p})
    return q


def scope_q(user, field: str = "unit") -> Q:
    return within_q(user_unit_paths(user), field)


CASE_CONTENTS = "core.view_case_contents"


def reads_case_contents(user) -> bool:
    """The user's roles grant case contents (core.view_case_contents): the business roles do; the statistics
    viewer and the three administrators do not."""
    return user is not None and user.is_authenticated and user.is_active and CASE_CONTENTS in access_of(user)[0]


class ScopedQuerySet(models.QuerySet):
    scope_field = "unit"

    def visible_to(self, user):
        """The rows in the user's unit subtrees. The records of the lines hold case contents, so a user whose
        roles lack core.view_case_contents sees none of them, whatever else their roles grant; a model whose
        rows hold no personal data says `case_contents = False` (an annual report)."""
        if getattr(self.model, "case_contents", True) and not reads_case_contents(user):
            return self.none()
        field = getattr(self.model, "scope_field", self.scope_field)
        return self.filter(scope_q(user, field))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def can_see_unit(user, unit) -> bool:
    return unit is not None and any(unit.path.startswith(p) for p in user_unit_paths(user))


def unit_of(obj):
    """The unit that scopes a record: the record itself for a Unit, else the unit its `scope_field` names
    ("unit", or a path such as "application__unit")."""
    from .org import Unit

    if obj is None or isinstance(obj, Unit):
        return obj
    for name in (getattr(obj, "scope_field", None) or "unit").split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


# --- rules predicates: the same scope for object-level permission checks --------------------------

@rules.predicate
def in_user_units(user, obj) -> bool:
    """The record lies in one of the user's unit subtrees. Without a record: False (no blanket grant)."""
    return obj is not None and can_see_unit(user, unit_of(obj))


def role_perm(perm: str) -> rules.Predicate:
    """The user holds `perm` through one of their roles (asked of the RoleBackend directly, so the rule
    below does not call itself back through user.has_perm)."""

    def check(user) -> bool:
        from ..auth import role_permissions

        return perm in role_permissions(user)

    return rules.Predicate(check, name=f"role:{perm}")


def scoped_perm(perm: str) -> rules.Predicate:
    return role_perm(perm) & in_user_units


def register_scoped_perms(*perms: str) -> None:
    """Make `user.has_perm(perm, obj)` true only when the role grants perm and obj is in the user's units.
    A line calls this from its AppConfig.ready() for its case permissions."""
    for perm in perms:
        rules.set_perm(perm, scoped_perm(perm))


register_scoped_perms("core.view_party", "core.change_party", "core.view_full_id_number", "core.view_unit",
                      "core.change_unit", "core.view_deadline")
