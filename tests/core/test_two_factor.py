"""Two-factor sign-in: after the password, a code from an authenticator app or a single-use recovery code;
required for the three administrators and the leader, per role at the security administrator's choice,
optional for the rest. These tests log in through the login page (force_login skips both factors)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sifa.core.models import AuditEvent, Role
from sifa.demo.district import DEMO_PASSWORD


def _login(client, username):
    resp = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    assert resp.status_code == 302
    return resp


def _code(device, offset=0):
    device.refresh_from_db()
    return f"{totp(device.bin_key, drift=offset):06d}"


def _enrolment_code(client):
    """What the app shows for the secret on the enrolment page."""
    from base64 import b32decode

    secret = client.get("/two-factor/enrol/").context["secret"].replace(" ", "")
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def _unthrottle(device):
    """As if the user waited out the pause that follows a wrong code."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1))


def test_an_administrator_without_a_device_is_sent_to_enrolment_and_reaches_nothing_else(users, client):
    TOTPDevice.objects.filter(user=users["admin"]).delete()
    _login(client, "admin")
    for path in ("/", "/admin/", "/admin/core/user/", "/units/", "/two-factor/"):
        resp = client.get(path)
        assert resp.status_code == 302 and resp["Location"].startswith("/two-factor/enrol/"), path
    assert client.get("/api/parties").status_code == 403
    page = client.get("/two-factor/enrol/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = page.content.decode()
    assert page.status_code == 200 and "设置两步验证" in body
    assert 'src="data:image/svg+xml' in body and page.context["secret"]


def test_enrolment_confirms_with_a_code_and_shows_ten_recovery_codes_once(users, client):
    TOTPDevice.objects.filter(user=users["admin"]).delete()
    _login(client, "admin")
    code = _enrolment_code(client)
    assert not TOTPDevice.objects.filter(user=users["admin"]).exists()  # the page itself writes nothing
    resp = client.post("/two-factor/enrol/", {"code": "000000" if code != "000000" else "111111"})
    assert resp.status_code == 200 and resp.context["form"].errors["code"]
    assert client.get("/")["Location"].startswith("/two-factor/enrol/")
    resp = client.post("/two-factor/enrol/?next=/admin/", {"code": code, "next": "/admin/"})
    assert resp.status_code == 200
    codes = resp.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.two_factor_enrolled", actor=users["admin"]).exists()
    assert not any(c in client.get("/two-factor/enrol/").content.decode() for c in codes)  # shown once


def test_with_a_device_a_wrong_code_is_refused_and_the_right_one_lets_in(users, client):
    device = TOTPDevice.objects.get(user=users["leader"])  # the demo's device
    _login(client, "leader")
    resp = client.get("/")
    assert resp.status_code == 302 and resp["Location"] == "/two-factor/?next=%2F"
    assert client.get("/two-factor/enrol/")["Location"].startswith("/two-factor/?")  # no way round by enrolling
    wrong = "123456" if _code(device) != "123456" else "654321"
    resp = client.post("/two-factor/", {"code": wrong, "next": "/"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200 and "验证码不正确" in str(resp.context["form"].errors["code"])
    assert client.get("/")["Location"].startswith("/two-factor/")
    assert AuditEvent.objects.filter(action="auth.two_factor_failed", actor=users["leader"]).exists()
    _unthrottle(device)
    resp = client.post("/two-factor/", {"code": _code(device), "next": "/"})
    assert resp.status_code == 302 and resp["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.get(action="auth.two_factor_passed").payload == {"method": "totp"}


def test_a_code_is_not_accepted_twice(users, client):
    device = TOTPDevice.objects.get(user=users["auditor"])
    code = _code(device)
    _login(client, "auditor")
    assert client.post("/two-factor/", {"code": code})["Location"] == "/"
    client.post("/logout/")
    _login(client, "auditor")
    _unthrottle(device)
    assert client.post("/two-factor/", {"code": code}).status_code == 200  # refused: replayed
    assert client.get("/")["Location"].startswith("/two-factor/")


def test_a_recovery_code_works_once(users, client):
    handler = users["handler"]
    _login(client, "handler")  # optional for a case handler: enrolling is their choice
    assert client.get("/").status_code == 200
    codes = client.post("/two-factor/enrol/", {"code": _enrolment_code(client)}).context["codes"]
    assert TOTPDevice.objects.get(user=handler).confirmed
    client.post("/logout/")

    _login(client, "handler")  # enrolled: now asked for a code at each log-in
    assert client.get("/")["Location"].startswith("/two-factor/")
    assert client.post("/two-factor/", {"code": codes[0].upper()})["Location"] == "/"
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=handler).count() == 9
    event = AuditEvent.objects.get(action="auth.two_factor_passed")
    assert event.payload == {"method": "recovery_code", "left": 9}
    client.post("/logout/")

    _login(client, "handler")
    resp = client.post("/two-factor/", {"code": codes[0]})
    assert resp.status_code == 200 and resp.context["form"].errors
    assert client.get("/")["Location"].startswith("/two-factor/")


def test_the_security_administrator_can_require_two_factor_of_a_role(users, client):
    role = Role.objects.get(code="mediator")
    client.force_login(users["security"], backend="sifa.core.auth.RoleBackend")
    data = {"name": role.name, "description": "", "requires_two_factor": "on",
            "permissions": list(role.permissions.values_list("pk", flat=True))}
    assert client.post(f"/admin/core/role/{role.pk}/change/", data).status_code == 302
    role.refresh_from_db()
    assert role.requires_two_factor
    client.post("/logout/")
    _login(client, "mediator")
    assert client.get("/")["Location"].startswith("/two-factor/enrol/")


def test_two_factor_stays_required_for_the_administrators_and_the_leader(users, client):
    client.force_login(users["security"], backend="sifa.core.auth.RoleBackend")
    for code in ("system_admin", "security_admin", "audit_admin", "bureau_leader"):
        role = Role.objects.get(code=code)
        assert role.requires_two_factor
        form = client.get(f"/admin/core/role/{role.pk}/change/").context["adminform"].form
        assert "requires_two_factor" not in form.fields  # read-only there


def test_a_business_user_without_a_device_logs_in_with_the_password_alone(district, client):
    _login(client, "handler")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/two-factor/", "/two-factor/enrol/"])
def test_the_two_factor_pages_need_a_password_login_first(district, client, path):
    resp = client.get(path)
    assert resp.status_code == 302 and resp["Location"].startswith("/login/")


def test_the_security_administrator_removes_a_lost_device_but_never_reads_a_secret(users, client):
    from django_otp.plugins.otp_static.models import StaticDevice

    device = TOTPDevice.objects.get(user=users["leader"])
    codes = StaticDevice.objects.create(user=users["leader"], name="recovery")
    codes.token_set.create(token="abcdefgh")
    client.force_login(users["security"], backend="sifa.core.auth.RoleBackend")
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page and "secret" not in page.lower()
    qr = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/", follow=True).content.decode()
    assert "otpauth" not in qr and device.key not in qr  # django-otp's QR page is not served
    assert "abcdefgh" not in client.get(f"/admin/otp_static/staticdevice/{codes.pk}/change/").content.decode()
    resp = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(action="admin.deleted", object_id=str(device.pk),
                                     actor=users["security"]).exists()
    client.post("/logout/")
    _login(client, "leader")  # no device left: enrol again
    assert client.get("/")["Location"].startswith("/two-factor/enrol/")
