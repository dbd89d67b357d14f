"""Permissions come from the roles a user holds in units (Membership → Role → permissions).

Model permissions ("may this user read parties at all") come from `RoleBackend`; object permissions
("may this user read this party") from the rules predicates in `models.scoping`, which add the unit scope.
"""

from django.contrib.auth.backends import ModelBackend

from .models.scoping import access_of


def role_permissions(user_obj) -> frozenset[str]:
    """The "app.codename" permissions a user holds through the roles of their memberships (cached: see
    `models.scoping.access_of`)."""
    if not user_obj.is_active or user_obj.is_anonymous:
        return frozenset()
    return access_of(user_obj)[0]


class RoleBackend(ModelBackend):
    """Password authentication as ModelBackend; permissions only through roles (no per-user grants)."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        # Object permissions (a record in the user's units) are the rules backend's: see models.scoping.
        if obj is not None:
            return set()
        return set(role_permissions(user_obj))

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return obj is None and perm in role_permissions(user_obj)

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_module_perms(self, user_obj, app_label) -> bool:
        return any(p.startswith(app_label + ".") for p in role_permissions(user_obj))
