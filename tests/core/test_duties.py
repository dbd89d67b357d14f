"""Separation of the three administrators (三员分立): enforced in the model and service layer, not only in the
admin's pages, and every change of a role, a membership, a permission or a password in the audit chain."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import access
from sifa.core.models import AuditEvent, Membership, Role
from sifa.demo.district import DEMO_PASSWORD

NEW_PASSWORD = "Xx-new-pass-2026"


def _admin_client(client, user):
    client.force_login(user, backend="sifa.core.auth.RoleBackend")
    return client


def _role(code):
    return Role.objects.get(code=code)


def _perm(code):
    app, codename = code.split(".")
    return Permission.objects.get(content_type__app_label=app, codename=codename)


def _grant(client, user, unit, role):
    return client.post("/admin/core/membership/add/", {"user": user.pk, "unit": unit.pk, "role": _role(role).pk},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")


# --- the system administrator assigns no roles ------------------------------------------------------------

def test_system_administrator_cannot_give_itself_a_case_handler_role_in_the_admin(users, units, client):
    admin = users["admin"]
    resp = _grant(_admin_client(client, admin), admin, units["PT-SFJ-FY"], "case_handler")
    assert resp.status_code == 403
    assert not Membership.objects.filter(user=admin, role__code="case_handler").exists()


def test_system_administrator_cannot_give_itself_the_audit_role_through_its_own_user_page(users, units, client):
    admin = users["admin"]
    resp = _admin_client(client, admin).post(f"/admin/core/user/{admin.pk}/change/", {
        "username": "admin", "last_name": "系统", "first_name": "管理员", "is_active": "on", "is_staff": "on",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-0-unit": units["PT"].pk, "memberships-0-role": _role("audit_admin").pk})
    assert not Membership.objects.filter(user=admin, role__code="audit_admin").exists()
    assert resp.status_code in (200, 302, 403)


def test_system_administrator_cannot_grant_itself_a_role_through_the_model_or_the_service(users, units):
    admin, unit, role = users["admin"], units["PT-SFJ-FY"], _role("case_handler")
    with pytest.raises(ValidationError):
        access.membership_grant(by=admin, user=admin, unit=unit, role=role)
    with access.acting_as(admin), pytest.raises(ValidationError):
        Membership.objects.create(user=admin, unit=unit, role=role)
    with pytest.raises(ValidationError):  # nor to anybody else: assigning roles is the security administrator's
        access.membership_grant(by=admin, user=users["handler2"], unit=units["PT-SFJ-YS"], role=role)
    assert not Membership.objects.filter(user=admin, role=role).exists()


def test_the_system_administrators_role_holds_no_membership_permissions(users):
    perms = set(_role("system_admin").permissions.values_list("codename", flat=True))
    assert "view_user" in perms and "add_user" in perms
    assert not perms & {"add_membership", "change_membership", "delete_membership", "add_role", "change_role"}


# --- the security administrator: assigns roles, never its own ---------------------------------------------

def test_security_administrator_cannot_give_itself_a_business_role(users, units, client):
    security = users["security"]
    resp = _grant(_admin_client(client, security), security, units["PT-SFJ-FY"], "case_handler")
    assert resp.status_code == 200
    errors = resp.context["adminform"].form.errors
    assert "自己的角色" in str(errors["role"])
    assert not Membership.objects.filter(user=security, role__code="case_handler").exists()


def test_security_administrator_cannot_remove_its_own_membership(users):
    security = users["security"]
    own = Membership.objects.filter(user=security).first()
    with pytest.raises(ValidationError):
        access.membership_revoke(by=security, membership=own)
    with access.acting_as(security), pytest.raises(ValidationError), transaction.atomic():
        own.delete()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_security_administrator_cannot_add_a_permission_to_its_own_role(users, client):
    security, role = users["security"], _role("security_admin")
    before = set(role.permissions.values_list("pk", flat=True))
    added = _perm("core.view_party")
    resp = _admin_client(client, security).post(f"/admin/core/role/{role.pk}/change/", {
        "code": role.code, "name": role.name, "description": "",
        "permissions": [*before, added.pk]}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    assert "自己所担任角色的权限" in str(resp.context["adminform"].form.errors["permissions"])
    assert set(role.permissions.values_list("pk", flat=True)) == before
    with access.acting_as(security), pytest.raises(ValidationError), transaction.atomic():
        role.permissions.add(_perm("auth.view_permission"))
    with access.acting_as(security), pytest.raises(ValidationError), transaction.atomic():
        role.permissions.remove(_perm("core.view_role"))


def test_the_security_administrator_gives_handlers_roles_and_it_is_audited(users, units, client):
    security = users["security"]
    resp = _grant(_admin_client(client, security), users["handler2"], units["PT-SFJ-YS"], "case_handler")
    assert resp.status_code == 302
    membership = Membership.objects.get(user=users["handler2"], unit=units["PT-SFJ-YS"])
    event = AuditEvent.objects.get(action="membership.created", object_id=str(membership.pk))
    assert event.actor == security and event.payload["role"] == "case_handler"
    assert AuditEvent.objects.filter(action="admin.added", object_id=str(membership.pk), actor=security).exists()
    pk = membership.pk
    access.membership_revoke(by=security, membership=membership)
    assert AuditEvent.objects.filter(action="membership.deleted", object_id=str(pk), actor=security).exists()


# --- an administrator role is held alone ------------------------------------------------------------------

def test_an_administrator_role_cannot_be_combined_with_a_business_role(users, units, client):
    resp = _grant(_admin_client(client, users["security"]), users["handler"], units["PT"], "audit_admin")
    assert resp.status_code == 200
    assert "不能与其他角色" in str(resp.context["adminform"].form.errors["role"])
    assert not Membership.objects.filter(user=users["handler"], role__code="audit_admin").exists()
    # not even by the system (a command, the demo loader), nor two administrator roles at once
    with pytest.raises(ValidationError):
        Membership.objects.create(user=users["admin"], unit=units["PT-SFJ-FY"], role=_role("case_handler"))
    with pytest.raises(ValidationError):
        Membership.objects.create(user=users["auditor"], unit=units["PT"], role=_role("security_admin"))


def test_the_auditor_reads_only_the_audit_log(users):
    role = _role("audit_admin")
    assert set(role.permissions.values_list("codename", flat=True)) == {"view_auditevent"}
    with access.acting_as(users["security"]), pytest.raises(ValidationError):
        access.role_permissions_set(by=users["security"], role=role,
                                    permissions=[*role.permissions.all(), _perm("core.view_party")])
    assert set(role.permissions.values_list("codename", flat=True)) == {"view_auditevent"}


def test_a_business_role_cannot_hold_an_administrators_permission(users):
    role = _role("case_handler")
    with pytest.raises(ValidationError):
        access.role_permissions_set(by=users["security"], role=role,
                                    permissions=[*role.permissions.all(), _perm("core.add_membership")])
    # a business permission is the security administrator's to give, and audited
    access.role_permissions_set(by=users["security"], role=_role("statistics_viewer"),
                                permissions=[*_role("statistics_viewer").permissions.all(),
                                             _perm("core.view_deadline")])
    event = AuditEvent.objects.filter(action="role.permissions_changed").latest("seq")
    assert event.actor == users["security"] and event.payload == {"added": ["core.view_deadline"]}


# --- passwords and the admin's own log in the chain ---------------------------------------------------------

def test_a_password_reset_in_the_admin_is_an_audit_event(users, client):
    handler = users["handler"]
    resp = _admin_client(client, users["admin"]).post(f"/admin/core/user/{handler.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert resp.status_code == 302
    handler.refresh_from_db()
    assert handler.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="user.password_changed", object_id=str(handler.pk))
    assert event.actor == users["admin"]
    assert NEW_PASSWORD not in str(event.payload) and NEW_PASSWORD not in event.summary
    assert AuditEvent.objects.filter(action="admin.changed", object_id=str(handler.pk), actor=users["admin"]).exists()


def test_a_users_own_password_change_is_an_audit_event(users):
    handler = users["handler"]
    with access.acting_as(handler):
        handler.set_password(NEW_PASSWORD)
        handler.save()
    event = AuditEvent.objects.get(action="user.password_changed", object_id=str(handler.pk))
    assert event.actor == handler


def test_every_admin_change_is_an_audit_event(users, units, client):
    unit = units["PT-SFS-WL"]
    resp = _admin_client(client, users["admin"]).post(f"/admin/core/unit/{unit.pk}/change/", {
        "code": unit.code, "name": unit.name, "short_name": "万里所", "kind": unit.kind,
        "parent": unit.parent_id, "sort": unit.sort, "active": "on"})
    assert resp.status_code == 302
    event = AuditEvent.objects.get(action="admin.changed", object_id=str(unit.pk))
    assert event.actor == users["admin"] and event.payload["model"] == "core.unit"
    assert event.payload["log_entry"]


def test_a_bulk_delete_in_the_admin_is_an_audit_event_per_object(users, units, client):
    from django.contrib.admin.models import DELETION, LogEntry

    security = users["security"]
    rows = [access.membership_grant(by=security, user=users["handler2"], unit=units[code],
                                    role=_role("case_handler")) for code in ("PT-SFJ-YS", "PT-SFJ-JZ")]
    resp = _admin_client(client, security).post("/admin/core/membership/", {
        "action": "delete_selected", "_selected_action": [m.pk for m in rows], "post": "yes"})
    assert resp.status_code == 302
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2
    deleted = set(AuditEvent.objects.filter(action="admin.deleted").values_list("object_id", flat=True))
    assert deleted == {str(m.pk) for m in rows}


# --- failed log-ins and lock-outs ---------------------------------------------------------------------------

def test_a_failed_login_is_an_audit_event_with_the_name_and_address_but_no_password(district, client):
    client.post("/login/", {"username": "handler", "password": "wrong-password-1"}, REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.payload == {"username": "handler", "ip": "10.1.2.3"}
    assert event.object_id == str(district["users"]["handler"].pk)
    assert "wrong-password-1" not in str(event.payload) + event.summary
    client.post("/login/", {"username": "nobody-here", "password": "x"}, REMOTE_ADDR="10.1.2.3")
    assert AuditEvent.objects.filter(action="auth.login_failed", summary="nobody-here", object_id="").exists()


def test_a_lock_out_is_an_audit_event(district, client):
    for _ in range(5):
        client.post("/login/", {"username": "handler", "password": "wrong-password"}, REMOTE_ADDR="10.1.2.4")
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 5
    event = AuditEvent.objects.get(action="auth.locked_out")
    assert event.payload == {"username": "handler", "ip": "10.1.2.4"}


def test_a_user_changes_their_own_password_on_the_password_page_and_it_is_audited(users, client):
    handler = users["handler"]
    client.force_login(handler, backend="sifa.core.auth.RoleBackend")
    assert "修改密码" in client.get("/password/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    resp = client.post("/password/", {"old_password": "wrong-old-one", "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert resp.status_code == 200 and resp.context["form"].errors["old_password"]
    resp = client.post("/password/", {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert resp.status_code == 302 and client.get("/").status_code == 200  # still signed in
    handler.refresh_from_db()
    assert handler.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="user.password_changed", object_id=str(handler.pk))
    assert event.actor == handler
