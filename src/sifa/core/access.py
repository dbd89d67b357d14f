"""Separation of the three administrators (三员分立, 等保 2.0 level 3), enforced where memberships and role
permissions are written, whichever page, command or service writes them.

- nobody grants, changes or removes their own memberships, nor the permissions of a role they hold;
- only the security administrator assigns roles (memberships) and edits role permissions; the system
  administrator manages users and units, the audit administrator reads the audit log, and nothing else;
- an administrator role is held alone: never with a business role, nor with another administrator role;
- an administrator role holds only the permissions of its duty (`roles.ROLES`), and a business role none of
  the administrators' permissions.

The checks run in `Membership.clean` (so the admin's forms show them on the field) and again, as guards that
no page can skip, when a membership is saved or deleted and when a role's permissions change (core.signals).
The person acting is the signed-in user of the request being served, or whoever a service names with
`acting_as`; outside both (commands, the demo loader, migrations) the system acts, bound by the combination
rules only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from .models import Membership, Role, Unit, User

SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN = "system_admin", "security_admin", "audit_admin"
ADMIN_ROLES = frozenset({SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN})

_acting: ContextVar = ContextVar("sifa_acting", default=None)


@contextmanager
def acting_as(user) -> Iterator[None]:
    """Within the block, `user` is the one acting (for the guards and the audit events of core.signals)."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def current_actor():
    """The user acting now: named by `acting_as`, else the signed-in user of the request being served
    (simple_history's request middleware keeps it), else None: the system."""
    user = _acting.get()
    if user is None:
        from simple_history.models import HistoricalRecords

        user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user if getattr(user, "is_authenticated", False) else None


def role_codes(user_id, *, without: int | None = None) -> set[str]:
    """The codes of the roles a user holds, leaving out one membership (the one being changed)."""
    if user_id is None:
        return set()
    rows = Membership.objects.filter(user_id=user_id)
    if without is not None:
        rows = rows.exclude(pk=without)
    return set(rows.values_list("role__code", flat=True))


def check_role_set(codes: set[str]) -> None:
    """An administrator role is held alone (the same role in several units is one role)."""
    if codes & ADMIN_ROLES and len(codes) > 1:
        raise ValidationError({"role": _("An administrator role (system, security or audit administrator) "
                                         "cannot be held together with any other role.")})


def assigns_roles(user) -> bool:
    return user.is_superuser or Membership.objects.filter(user=user, role__code=SECURITY_ADMIN).exists()


def check_membership(membership: Membership, *, by, deleting: bool = False) -> None:
    """Raise a ValidationError (on the role field) when `by` (None: the system) may not write or delete this
    membership as it stands."""
    before = (Membership.objects.filter(pk=membership.pk).values_list("user_id", flat=True).first()
              if membership.pk else None)
    if by is not None:
        if not assigns_roles(by):
            raise ValidationError({"role": _("Only the security administrator assigns roles.")})
        if by.pk in {membership.user_id, before}:
            raise ValidationError({"role": _("Nobody may grant, change or remove their own roles.")})
    if not deleting and membership.role_id is not None:
        check_role_set(role_codes(membership.user_id, without=membership.pk) | {membership.role.code})


def duty_permissions() -> set[str]:
    """The permissions only administrators hold: theirs in `roles.ROLES`, less what business roles hold too."""
    from .roles import ROLES

    admin = set().union(*(ROLES[code]["perms"] for code in ADMIN_ROLES))
    business = set().union(*(spec["perms"] for code, spec in ROLES.items() if code not in ADMIN_ROLES))
    return admin - business


def _codes(permissions) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def check_role_permissions(role: Role, added: Iterable, *, by, removing: bool = False) -> None:
    """Raise a ValidationError (on the permissions field) when `by` (None: the system) may not give `role` the
    permissions `added` (Permission objects), or change its permissions at all."""
    from .roles import ROLES

    if by is not None:
        if not assigns_roles(by):
            raise ValidationError({"permissions": _("Only the security administrator edits roles.")})
        if role.pk and Membership.objects.filter(user=by, role=role).exists():
            raise ValidationError({"permissions": _("Nobody may change the permissions of a role they hold.")})
    if removing:
        return
    codes = _codes(added)
    if role.code in ADMIN_ROLES:
        foreign = codes - set(ROLES[role.code]["perms"])
        message = _("An administrator role holds only the permissions of its own duty, not: %(perms)s")
    else:
        foreign = codes & duty_permissions()
        message = _("A business role cannot hold an administrator's permissions: %(perms)s")
    if foreign:
        raise ValidationError({"permissions": message % {"perms": "、".join(sorted(foreign))}})


# --- services: one user action each, one transaction -------------------------------------------------------

def membership_grant(*, by, user: User, unit: Unit, role: Role) -> Membership:
    """Give `user` the role in the unit (the security administrator's act); audited by core.signals."""
    return membership_save(by=by, membership=Membership(user=user, unit=unit, role=role))


@transaction.atomic
def membership_save(*, by, membership: Membership) -> Membership:
    """Create or change a membership as `by`; audited by core.signals."""
    with acting_as(by):
        check_membership(membership, by=by)
        membership.save()
    return membership


@transaction.atomic
def membership_revoke(*, by, membership: Membership) -> None:
    with acting_as(by):
        check_membership(membership, by=by, deleting=True)
        membership.delete()


@transaction.atomic
def role_permissions_set(*, by, role: Role, permissions: Iterable) -> Role:
    """Set the permissions of a role; audited (what was added and removed) by core.signals."""
    permissions = list(permissions)
    with acting_as(by):
        check_role_permissions(role, permissions, by=by)
        role.permissions.set(permissions)
    return role
