"""Django admin: Chinese, scoped like every other page, and every change audited."""

import pytest
from django.contrib import admin

from sifa.core.models import AuditEvent, Membership, Party, Unit


@pytest.fixture
def office_staff(users, client):
    """长寿路司法所's staff member, given access to the admin."""
    user = users["changshou"]
    user.is_staff = True
    user.save()
    client.force_login(user, backend="sifa.core.auth.RoleBackend")
    return client


def _admin(users, client, name):
    client.force_login(users[name], backend="sifa.core.auth.RoleBackend")
    return client


def _chinese(text) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in str(text))


def test_every_core_model_and_every_column_and_field_of_its_admin_is_chinese(rf, users):
    from django.contrib.admin.utils import label_for_field
    from django.utils import translation

    request = rf.get("/admin/")
    request.user = users["admin"]
    core = {m: a for m, a in admin.site._registry.items() if m._meta.app_label == "core"}
    assert len(core) >= 9
    with translation.override("zh-hans"):
        for model, model_admin in core.items():
            assert _chinese(model._meta.verbose_name_plural), model.__name__
            names = [*model_admin.list_display, *model_admin.get_readonly_fields(request)]
            for fieldset in model_admin.get_fieldsets(request, model.objects.first()):
                names += [f for f in fieldset[1]["fields"] if isinstance(f, str)]
            for name in names:
                if name in ("__str__", "id", "password"):
                    continue
                label = label_for_field(name, model, model_admin)
                assert _chinese(label), f"{model.__name__}.{name}: {label}"


def test_admin_index_is_chinese(users, client):
    body = _admin(users, client, "admin").get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "单位" in body and "用户" in body and "节假日调整" in body


def test_office_staff_sees_only_its_subtree_of_units(units, office_staff):
    resp = office_staff.get("/admin/core/unit/")
    assert resp.status_code == 200
    shown = {u.code for u in resp.context["cl"].result_list}
    assert shown == {"PT-SFS-CSL", "PT-TWH-CSL", "PT-JFZX-CSL"}


def test_office_staff_admin_forms_offer_only_its_units(units, office_staff, make_party):
    party = make_party("PT-SFS-CSL", "长寿当事人")
    resp = office_staff.get(f"/admin/core/party/{party.pk}/change/")
    choices = {str(c[0]) for c in resp.context["adminform"].form.fields["unit"].choices if c[0]}
    assert choices == {str(units[c].pk) for c in ("PT-SFS-CSL", "PT-TWH-CSL", "PT-JFZX-CSL")}


def test_office_staff_cannot_move_a_party_out_of_its_scope(units, office_staff, make_party):
    party = make_party("PT-SFS-CSL", "长寿当事人")
    resp = office_staff.post(f"/admin/core/party/{party.pk}/change/", {
        "kind": "person", "name": "长寿当事人", "unit": units["PT-SFS-CYXC"].pk, "id_type": "", "address": "",
        "credit_code": "", "legal_representative": ""})
    assert resp.status_code == 200  # the form refuses the choice
    party.refresh_from_db()
    assert party.unit.code == "PT-SFS-CSL"


def test_a_party_saved_in_the_admin_goes_through_the_service(units, office_staff, make_party):
    party = make_party("PT-SFS-CSL", "长寿当事人")
    resp = office_staff.post(f"/admin/core/party/{party.pk}/change/", {
        "kind": "person", "name": "长寿当事人（改）", "unit": units["PT-SFS-CSL"].pk, "id_type": "", "address": "",
        "credit_code": "", "legal_representative": ""})
    assert resp.status_code == 302
    assert Party.objects.get(pk=party.pk).name == "长寿当事人（改）"
    assert AuditEvent.objects.filter(action="party.changed", object_id=str(party.pk)).exists()


def test_unit_changes_in_the_admin_are_audited(users, units, client):
    client = _admin(users, client, "admin")
    unit = units["PT-SFS-WL"]
    resp = client.post(f"/admin/core/unit/{unit.pk}/change/", {
        "code": unit.code, "name": "万里街道司法所", "short_name": "万里司法所", "kind": unit.kind,
        "parent": unit.parent_id, "sort": unit.sort, "active": "on", "address": unit.address,
        "office_hours": unit.office_hours})
    assert resp.status_code == 302
    event = AuditEvent.objects.get(action="unit.changed", object_id=str(unit.pk))
    assert event.actor == users["admin"] and event.payload["fields"] == ["short_name"]


def test_membership_changes_are_audited(users, units, client):
    from sifa.core.models import Role

    client = _admin(users, client, "security")
    resp = client.post("/admin/core/membership/add/", {
        "user": users["handler2"].pk, "unit": units["PT-SFJ-YS"].pk, "role": Role.objects.get(code="case_handler").pk})
    assert resp.status_code == 302
    assert Membership.objects.filter(user=users["handler2"], unit__code="PT-SFJ-YS").exists()
    assert AuditEvent.objects.filter(action="membership.created", actor=users["security"]).exists()


def test_nobody_becomes_a_superuser_or_gets_per_user_permissions_in_the_admin(users, client):
    resp = _admin(users, client, "admin").get(f"/admin/core/user/{users['handler'].pk}/change/")
    fields = resp.context["adminform"].form.fields
    assert "is_superuser" not in fields and "user_permissions" not in fields and "groups" not in fields


NO_MEMBERSHIPS = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}


def test_new_users_need_a_strong_password(users, client):
    client = _admin(users, client, "admin")
    resp = client.post("/admin/core/user/add/", {"username": "newbie", "last_name": "新", "first_name": "人",
                                                 "password1": "short", "password2": "short", **NO_MEMBERSHIPS},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    assert "密码" in str(resp.context["adminform"].form.errors)
    resp = client.post("/admin/core/user/add/", {"username": "newbie", "last_name": "新", "first_name": "人",
                                                 "password1": "Qiao7#ling-x", "password2": "Qiao7#ling-x",
                                                 "usable_password": "true", **NO_MEMBERSHIPS})
    assert resp.status_code == 302
    assert AuditEvent.objects.filter(action="user.created", summary="新人").exists()


def test_unit_admin_for_the_district_government_reaches_the_whole_district(users, client):
    resp = _admin(users, client, "admin").get("/admin/core/unit/?all=")
    assert Unit.objects.get(code="PT-SFS-TPZ") in resp.context["cl"].queryset


def test_the_system_administrator_manages_every_root_of_the_tree(users, client):
    shown = set(_admin(users, client, "admin").get("/admin/core/unit/?all=").context["cl"].queryset
                .values_list("code", flat=True))
    assert shown == set(Unit.objects.values_list("code", flat=True))


def test_system_administrator_cannot_reset_the_other_administrators_passwords(district, login):
    users = district["users"]
    client = login(users["admin"])
    for guarded in ("security", "auditor"):
        pk = users[guarded].pk
        assert client.get(f"/admin/core/user/{pk}/password/").status_code == 403
        resp = client.post(f"/admin/core/user/{pk}/password/", {"password1": "Xx-new-pass-2026", "password2": "Xx-new-pass-2026"})
        assert resp.status_code == 403
        users[guarded].refresh_from_db()
        assert users[guarded].check_password("Putuo@2022demo")
    # ordinary staff accounts stay manageable
    assert client.get(f"/admin/core/user/{users['handler'].pk}/password/").status_code == 200
