"""Permissions come from the roles a user holds in units (Membership → Role → permissions).

Model permissions ("may this user read parties at all") come from `RoleBackend`; object permissions
("may this user read this party") from the rules predicates in `models.scoping`, which add the unit scope.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


def role_permissions(user_obj) -> set[str]:
    """The "app.codename" permissions a user holds through the roles of their memberships (cached)."""
    if not user_obj.is_active or user_obj.is_anonymous:
        return set()
    if not hasattr(user_obj, "_sifa_role_perms"):
        rows = Permission.objects.filter(role__memberships__user=user_obj).values_list(
            "content_type__app_label", "codename").distinct()
        user_obj._sifa_role_perms = {f"{app}.{code}" for app, code in rows}
    return user_obj._sifa_role_perms


class RoleBackend(ModelBackend):
    """Password authentication as ModelBackend; permissions only through roles (no per-user grants)."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        # Object permissions (a record in the user's units) are the rules backend's: see models.scoping.
        if obj is not None:
            return set()
        return role_permissions(user_obj)

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_module_perms(self, user_obj, app_label) -> bool:
        return any(p.startswith(app_label + ".") for p in self.get_all_permissions(user_obj))
