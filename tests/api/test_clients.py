"""Machine clients' tokens: issued and revoked by the security administrator alone (page and command), stored
only as a keyed hash, refused (401) once revoked or expired or from another address, and acting exactly as
their service account."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from sifa.core import api_clients, events
from sifa.core.models import ApiClient, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db


def test_the_security_administrator_issues_a_token_on_the_page_and_sees_it_once(district, login, service_account):
    court = service_account()
    client = login(district["users"]["security"])
    assert client.get("/api-clients/").status_code == 200
    resp = client.post("/api-clients/new/", {"name": "区法院案件系统", "user": court.pk, "expires_on": "",
                                             "allowed_ips": ""})
    assert resp.status_code == 200
    token = resp.context["token"]
    assert token.startswith("sifa_") and token in resp.content.decode()
    assert "no-store" in resp["Cache-Control"]
    row = ApiClient.objects.get(name="区法院案件系统")
    assert row.user == court and row.created_by == district["users"]["security"]
    assert token not in (row.token_hash, row.prefix) and row.token_hash == api_clients.token_hash(token)
    listing = client.get("/api-clients/").content.decode()
    assert "区法院案件系统" in listing and token not in listing and f"sifa_{row.prefix}_" in listing
    event = AuditEvent.objects.get(action="api_client.issued")
    assert event.actor == district["users"]["security"] and token not in str(event.payload) + event.summary
    sentence = events.sentence(event)
    assert "区法院案件系统" in sentence and "court_system" in sentence and "api_client" not in sentence


@pytest.mark.parametrize("who", ["admin", "handler", "auditor", "leader"])
def test_nobody_else_issues_or_revokes_a_token(district, login, service_account, who):
    court = service_account()
    user = district["users"][who]
    client = login(user)
    assert client.get("/api-clients/").status_code == 403
    assert client.get("/api-clients/new/").status_code == 403
    assert client.post("/api-clients/new/", {"name": "x", "user": court.pk}).status_code == 403
    with pytest.raises(PermissionDenied):
        api_clients.issue(by=user, name="x", user=court)
    row, _token = api_clients.issue(by=district["users"]["security"], name="y", user=court)
    assert client.post(f"/api-clients/{row.pk}/revoke/").status_code == 403
    with pytest.raises(PermissionDenied):
        api_clients.revoke(by=user, client=row)
    assert not ApiClient.objects.filter(name="x").exists()
    assert ApiClient.objects.get(name="y").revoked_at is None


def test_a_token_acts_only_as_a_service_account(district, service_account, login):
    security = district["users"]["security"]
    for who in ("admin", "auditor", "security"):
        with pytest.raises(ValidationError) as info:
            api_clients.issue(by=security, name=f"as {who}", user=district["users"][who])
        assert "user" in info.value.error_dict
    with pytest.raises(ValidationError) as info:  # a person who signs in: the token would let its holder be them
        api_clients.issue(by=security, name="a person", user=district["users"]["handler"])
    assert "user" in info.value.error_dict
    with pytest.raises(ValidationError) as info:
        api_clients.issue(by=security, name="bad", user=district["users"]["handler"], allowed_ips="10.0.0.300")
    assert "allowed_ips" in info.value.error_dict
    court, hotline = service_account(), service_account("hotline")
    Membership.objects.filter(user=court).delete()
    Membership.objects.create(user=court, unit=district["units"]["PT"], role=Role.objects.get(code="audit_admin"))
    with pytest.raises(ValidationError):
        api_clients.issue(by=security, name="as an auditor", user=court)
    form = login(security).get("/api-clients/new/").context["form"]
    offered = set(form.fields["user"].queryset.values_list("username", flat=True))
    assert offered.isdisjoint({"admin", "auditor", "security", "handler", "leader", "court_system"})
    assert hotline.username in offered


def test_revoked_expired_and_foreign_address_tokens_get_401(district, service_account, token_for, bearer, client):
    court = service_account()
    good, revoked = token_for(court), token_for(court)
    expiring = token_for(court, expires_on=timezone.localdate())
    fenced = token_for(court, allowed_ips="10.8.0.0/16")
    assert client.get("/api/me", **bearer(good)).json()["username"] == "court_system"
    assert client.get("/api/me", **bearer(expiring)).status_code == 200  # its last day is still valid

    row = ApiClient.objects.get(prefix=revoked.split("_")[1])
    login_client = client
    login_client.force_login(district["users"]["security"], backend="sifa.core.auth.RoleBackend")
    assert login_client.post(f"/api-clients/{row.pk}/revoke/").status_code == 302
    login_client.logout()
    assert client.get("/api/me", **bearer(revoked)).status_code == 401
    assert AuditEvent.objects.filter(action="api_client.revoked", actor=district["users"]["security"]).count() == 1

    ApiClient.objects.filter(prefix=expiring.split("_")[1]).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert client.get("/api/me", **bearer(expiring)).status_code == 401

    assert client.get("/api/me", **bearer(fenced)).status_code == 401  # the test client comes from 127.0.0.1
    assert client.get("/api/me", REMOTE_ADDR="10.8.3.4", **bearer(fenced)).status_code == 200

    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    assert client.get("/api/me", **bearer(forged)).status_code == 401
    assert client.get("/api/me", **bearer("nonsense")).status_code == 401
    court.is_active = False
    court.save()
    assert client.get("/api/me", **bearer(good)).status_code == 401


def test_a_bad_token_is_401_even_with_a_signed_in_session(district, login, bearer):
    client = login(district["users"]["handler"])
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/me", **bearer("sifa_0123456789_" + "x" * 43)).status_code == 401


def test_a_token_is_used_without_csrf_and_last_use_is_recorded(district, service_account, token_for, bearer):
    from django.test import Client

    token = token_for(service_account())
    client = Client(enforce_csrf_checks=True)
    resp = client.post("/api/parties/search", {"q": "王"}, content_type="application/json", **bearer(token))
    assert resp.status_code == 200
    assert ApiClient.objects.get(prefix=token.split("_")[1]).last_used_at is not None


def test_the_token_is_never_logged(district, service_account, token_for, bearer, client, caplog, settings):
    settings.DEBUG = True
    token = token_for(service_account(), allowed_ips="10.9.9.9")
    with caplog.at_level("DEBUG"):
        client.get("/api/me", **bearer(token))
        client.get("/api/me", HTTP_AUTHORIZATION=f"Token {token}")
    assert token not in caplog.text
    assert token.split("_")[1] in caplog.text  # the refusal names the prefix


def test_the_command_issues_lists_and_revokes(district, service_account, bearer, client):
    court = service_account()
    out, err = StringIO(), StringIO()
    call_command("api_client", "issue", "--name", "12348热线", "--user", "court_system", "--by", "security",
                 "--expires", (date.today() + timedelta(days=365)).isoformat(), stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert client.get("/api/me", **bearer(token)).json()["username"] == court.username
    assert AuditEvent.objects.get(action="api_client.issued").actor == district["users"]["security"]
    listing = StringIO()
    call_command("api_client", "list", stdout=listing)
    assert "12348热线" in listing.getvalue() and token not in listing.getvalue()
    call_command("api_client", "revoke", "--name", "12348热线", stdout=StringIO())
    assert client.get("/api/me", **bearer(token)).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_client", "issue", "--name", "x", "--user", "court_system", "--by", "admin",
                     stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("api_client", "revoke", "--name", "12348热线", stdout=StringIO())  # revoked already
