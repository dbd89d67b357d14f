"""Login hardening (等保 2.0 level 3) and the separation of duties (三员分立)."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from sifa.core.models import AuditEvent
from sifa.demo.district import DEMO_PASSWORD


@pytest.fixture
def a_party(make_party):
    return make_party("PT-SFS-CSL", "分权测试当事人", id_number="310107199001011232")


# --- separation of duties ------------------------------------------------------------------------

def test_system_administrator_cannot_open_a_partys_details(users, login, a_party):
    client = login(users["admin"])
    assert client.get(f"/parties/{a_party.pk}/").status_code == 403
    assert client.get("/parties/").status_code == 403
    assert client.post(f"/parties/{a_party.pk}/reveal/").status_code == 403
    assert client.get("/admin/core/party/").status_code == 403
    assert client.get("/admin/core/user/").status_code == 200  # but manages users


def test_audit_administrator_sees_only_the_audit_log(users, login, a_party):
    client = login(users["auditor"])
    assert client.get("/audit/").status_code == 200
    assert client.get("/parties/").status_code == 403
    assert client.get(f"/parties/{a_party.pk}/").status_code == 403
    assert client.get("/units/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/core/auditevent/" in index
    for other in ("/admin/core/party/", "/admin/core/unit/", "/admin/core/user/", "/admin/core/role/"):
        assert other not in index
    assert client.get("/admin/core/user/").status_code == 403


def test_security_administrator_manages_roles_but_not_parties(users, login, a_party):
    client = login(users["security"])
    assert client.get("/admin/core/role/").status_code == 200
    assert client.get("/parties/").status_code == 403
    assert client.get("/audit/").status_code == 403


def test_audit_log_cannot_be_changed_even_by_its_reader(users, login, a_party):
    event = AuditEvent.objects.order_by("-seq").first()
    client = login(users["auditor"])
    assert client.get(f"/admin/core/auditevent/{event.pk}/change/").status_code == 200  # view only
    client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# --- passwords and log-in -------------------------------------------------------------------------

def test_passwords_are_hashed_with_argon2(users):
    assert users["handler"].password.startswith("argon2$argon2id$")


def test_production_settings_hash_with_argon2_at_djangos_costs():
    import sifa.settings as production

    # the tests swap in a cheaper Argon2 (tests/conftest.py); the project's own setting is the real one
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize("password", ["Ab1!short", "abcdefghijkl", "abcdefgh1234", "1234567890123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_ten_character_mixed_password_is_accepted():
    validate_password("Qiao7#ling")


def test_login_with_the_demo_password_works_and_is_audited(district, client):
    resp = client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD})
    assert resp.status_code == 302 and resp["Location"] == "/"
    assert AuditEvent.objects.filter(action="auth.login", actor_name="李承办").exists()


def test_five_failed_logins_lock_the_account_with_a_chinese_message(district, client):
    for _ in range(5):
        resp = client.post("/login/", {"username": "handler", "password": "wrong-password"},
                           HTTP_ACCEPT_LANGUAGE="zh-hans")
    resp = client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 429
    body = resp.content.decode()
    assert "登录失败次数过多" in body and "安全管理员" in body
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_do_not_lock(district, client):
    for _ in range(4):
        client.post("/login/", {"username": "handler", "password": "wrong-password"})
    resp = client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD})
    assert resp.status_code == 302


def test_a_failed_login_says_so_in_chinese(district, client):
    resp = client.post("/login/", {"username": "handler", "password": "wrong-password"},
                       HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    assert "请输入一个正确的" in resp.content.decode()


# --- sessions -------------------------------------------------------------------------------------

def test_a_session_ends_after_30_idle_minutes(district, client):
    client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD})
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    assert session.expire_date - timezone.now() > timedelta(minutes=29)      # each request renews it
    assert session.expire_date - timezone.now() <= timedelta(minutes=30)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # 30 minutes without a request
    resp = client.get("/parties/")
    assert resp.status_code == 302 and resp["Location"].startswith("/login/")


def test_an_active_session_is_renewed_once_a_minute_not_on_every_request(district, client, settings):
    from sifa.core.middleware import IdleSessionMiddleware

    client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD})
    client.get("/")
    session = Session.objects.get()
    writes = []

    def counting(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("UPDATE", "INSERT")) and "django_session" in sql:
            writes.append(sql)
        return execute(sql, params, many, context)

    from django.db import connection

    with connection.execute_wrapper(counting):
        client.get("/")
        client.get("/parties/")
    assert writes == []  # renewed less than a minute ago: nothing written

    # a minute later the next request renews it: 30 minutes from now again
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    data = session.get_decoded()
    data[IdleSessionMiddleware.KEY] -= settings.SIFA_SESSION_RENEW
    Session.objects.filter(pk=session.pk).update(session_data=Session.objects.encode(data))
    with connection.execute_wrapper(counting):
        client.get("/")
    assert len(writes) == 1
    assert Session.objects.get().expire_date - timezone.now() > timedelta(minutes=29)

    client.logout()
    client.get("/login/")
    assert not Session.objects.exists()  # a visitor's page starts no session


def test_logout_is_a_post_and_ends_the_session(district, client):
    client.post("/login/", {"username": "handler", "password": DEMO_PASSWORD})
    client.post("/logout/")
    assert client.get("/parties/").status_code == 302
    assert "工作人员登录" in client.get("/").content.decode()  # a visitor again: the public home page


# --- cached permissions and scope ---------------------------------------------------------------------

def _access_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    sqls = [q["sql"] for q in ctx.captured_queries]
    return status, [s for s in sqls if '"auth_permission"' in s or 'AS "unit__path" FROM "core_membership"' in s]


def test_permissions_and_scope_are_read_once_not_on_every_request(users, login):
    client = login(users["changshou"])
    status, first = _access_queries(client, "/parties/")
    assert status == 200 and len(first) == 2  # the role permissions, the unit paths
    status, again = _access_queries(client, "/parties/")
    assert status == 200 and again == []


def test_a_new_membership_takes_effect_on_the_next_request(users, units, login, a_party):
    from sifa.core.models import Membership, Role, User

    client = login(users["caoyang"])  # 曹杨新村司法所: does not see 长寿路's parties
    assert client.get(f"/parties/{a_party.pk}/").status_code == 404
    caoyang = User.objects.get(username="caoyang")
    Membership.objects.create(user=caoyang, unit=units["PT-SFS-CSL"], role=Role.objects.get(code="office_staff"))
    assert client.get(f"/parties/{a_party.pk}/").status_code == 200
    Membership.objects.filter(user=caoyang, unit=units["PT-SFS-CSL"]).delete()
    assert client.get(f"/parties/{a_party.pk}/").status_code == 404


def test_a_permission_taken_from_a_role_is_gone_for_its_holders_at_once(users, login):
    from django.contrib.auth.models import Permission

    from sifa.core.models import Role

    client = login(users["changshou"])
    assert client.get("/parties/").status_code == 200
    role = Role.objects.get(code="office_staff")
    role.permissions.remove(Permission.objects.get(content_type__app_label="core", codename="view_party"))
    assert client.get("/parties/").status_code == 403


def test_a_unit_moved_in_the_tree_moves_its_members_scope(users, units):
    from sifa.core.models import User
    from sifa.core.models.scoping import user_unit_paths

    mediator = User.objects.get(username="mediator")
    assert user_unit_paths(mediator) == [units["PT-SFS-CSL"].path]
    office = units["PT-SFS-CSL"]
    office.parent = units["PT-SFS-CYXC"]
    office.save()
    moved = User.objects.get(username="mediator")
    assert user_unit_paths(moved) == [units["PT-SFS-CYXC"].path + "PT-SFS-CSL/"] != user_unit_paths(mediator)
