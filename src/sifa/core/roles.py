"""The seeded roles and their permissions. Lines add the permissions of their own models with `grant`.

Separation of duties (三员分立, 等保 2.0 level 3): the system administrator manages users and units but
assigns no roles and cannot read case contents or parties; the security administrator assigns roles
(memberships) and edits their permissions but creates no users; the audit administrator reads the audit log
only. core.access enforces it wherever memberships and role permissions are written.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ROLES: dict[str, dict] = {
    "system_admin": {"name": _("System administrator"), "perms": {
        "core.view_user", "core.add_user", "core.change_user", "core.view_unit", "core.add_unit",
        "core.change_unit", "core.view_membership", "core.view_holidayoverride", "core.add_holidayoverride",
        "core.change_holidayoverride", "core.delete_holidayoverride", "core.view_numberseries",
        "core.change_numberseries", "core.view_districtsetting", "core.add_districtsetting",
        "core.change_districtsetting", "core.manage_tasks"}},
    "security_admin": {"name": _("Security administrator"), "perms": {
        "core.view_role", "core.add_role", "core.change_role", "core.view_membership", "core.add_membership",
        "core.change_membership", "core.delete_membership", "core.view_user", "auth.view_permission",
        "axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog",
        # a user who lost their phone: the device is removed, and they enrol again at their next log-in
        "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice", "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
        # the JSON API's machine clients: their tokens are issued and revoked here (core.api_clients)
        "core.view_apiclient", "core.add_apiclient", "core.change_apiclient"}},
    "audit_admin": {"name": _("Audit administrator"), "perms": {"core.view_auditevent"}},
    # 个人信息保护负责人: answers a person's requests about their own data (core.privacy); finds every record
    # holding the person's number within their units, and corrects a party's data through the party service.
    "privacy_officer": {"name": _("Personal-information protection officer"), "perms": {
        "core.view_datarequest", "core.add_datarequest", "core.change_datarequest", "core.view_party",
        "core.change_party", "core.view_unit", "core.view_deadline", "core.view_full_id_number"}},
    "bureau_leader": {"name": _("Bureau leader"), "perms": {
        "core.view_unit", "core.view_party", "core.view_deadline", "core.view_statistics", "core.lead_unit",
        # the district's derived figures (core.figures); the security administrator may give it to any role
        "core.manage_figures"}},
    "division_head": {"name": _("Division head"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline",
        "core.view_statistics", "core.lead_unit", "core.view_full_id_number"}},
    "case_handler": {"name": _("Case handler"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline",
        "core.view_full_id_number"}},
    "office_staff": {"name": _("Justice-office staff"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "mediator": {"name": _("Mediator"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "legal_aid_staff": {"name": _("Legal-aid staff"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "notary_staff": {"name": _("Notary-office staff"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "rule_of_law_staff": {"name": _("Rule-of-law and publicity staff"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "correction_officer": {"name": _("Correction officer"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline",
        "core.view_full_id_number"}},
    # the bureau's division that licenses and supervises lawyers, notaries and appraisers (律师/公证/司法鉴定管理)
    "profession_supervisor": {"name": _("Legal-profession supervisor"), "perms": {
        "core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline"}},
    "statistics_viewer": {"name": _("Statistics viewer (read-only)"), "perms": {
        "core.view_unit", "core.view_statistics"}},
}

# Roles whose holders always sign in with a second factor (core.two_factor); the security administrator can
# require it of any other role (Role.requires_two_factor).
ALWAYS_TWO_FACTOR = frozenset({"system_admin", "security_admin", "audit_admin", "bureau_leader"})


def grant(role: str, *perms: str) -> None:
    """Called by a line's AppConfig.ready(): add the line's permissions to a seeded role."""
    ROLES[role]["perms"] = set(ROLES[role]["perms"]) | set(perms)


# What a business role holds in core (the legal-aid staff's set): units, parties, clocks and case contents.
BUSINESS_CORE = ("core.view_unit", "core.view_party", "core.add_party", "core.change_party", "core.view_deadline",
                 "core.view_case_contents")


def declare(role: str, name, *perms: str) -> None:
    """Called by a line's AppConfig.ready(): a role of the line's own staff (its name translated in the line's
    catalog), holding core's business permissions and the line's `perms`; `sync_roles` creates it."""
    ROLES.setdefault(role, {"name": name, "perms": set(BUSINESS_CORE)})
    grant(role, *perms)


# Case contents (parties, facts, decisions, documents: every record a line's `visible_to` returns) are for the
# business roles only; the statistics viewer reads figures and drill-down lists without personal data
# (core.drilldown), and the three administrators read no case (三员分立).
for _business_role in ("bureau_leader", "division_head", "case_handler", "office_staff", "mediator",
                       "legal_aid_staff", "notary_staff", "correction_officer", "profession_supervisor",
                       "rule_of_law_staff", "privacy_officer"):
    grant(_business_role, "core.view_case_contents")


def sync_roles() -> None:
    """Create or update the seeded roles (idempotent). Permissions that do not exist yet are skipped."""
    from django.contrib.auth.models import Permission

    from .models import Role

    all_perms = {f"{app}.{code}": pk for pk, app, code in
                 Permission.objects.values_list("pk", "content_type__app_label", "codename")}
    for code, spec in ROLES.items():
        role, _created = Role.objects.get_or_create(code=code, defaults={"name": str(spec["name"])})
        two_factor = role.requires_two_factor or code in ALWAYS_TWO_FACTOR
        if (role.name, role.requires_two_factor) != (str(spec["name"]), two_factor):
            role.name, role.requires_two_factor = str(spec["name"]), two_factor
            role.save(update_fields=["name", "requires_two_factor"])
        role.permissions.set([all_perms[p] for p in spec["perms"] if p in all_perms])


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate is sent once per app, in INSTALLED_APPS order, and each app's permissions are created by
    its own signal: sync only after the last app's, when every line's permissions exist (one `migrate` on a
    fresh database leaves every role complete)."""
    from django.apps import apps
    from django.db import connection

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label and "core_role" in connection.introspection.table_names():
        sync_roles()
