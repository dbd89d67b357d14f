"""API tokens of machine clients (a court's or a hotline's system): issued and revoked by the security
administrator, each acting as a service-account user whose roles and units decide what it may see and do.

A token reads `sifa_<prefix>_<secret>`: the prefix finds the client's row and names the token to people (on the
page, in the audit chain); only a keyed SM3 hash of the whole token is stored (`crypto.secret_hash`), and the
token is shown once, when issued. A token is refused (the API answers 401) when it is unknown, revoked, past its
last day, sent from an address the client is not allowed, or when its service account is deactivated. Tokens
are never logged: not on issue, not on refusal (the log says the prefix at most).

Issuing and revoking are the security administrator's (三员分立: the permission `core.add_apiclient` belongs to
that role alone, `roles.ROLES`); each is one transaction with its audit event. A token acts only as a service
account (an account without a password, created by the system administrator), never as a person who signs in, as
one of the three administrators, or as the person who issues it: so the security administrator, who reads no
case, cannot read one through a token either.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .access import ADMIN_ROLES, role_codes
from .crypto import secret_hash
from .models import ApiClient, User

log = logging.getLogger(__name__)

ISSUE = "core.add_apiclient"
REVOKE = "core.change_apiclient"
VIEW = "core.view_apiclient"
TOKEN_RE = re.compile(r"^sifa_([0-9a-f]{10})_([A-Za-z0-9_-]{20,100})$")
USED_EVERY = timedelta(seconds=60)  # last_used_at is written at most once a minute per client


def token_hash(token: str) -> str:
    return secret_hash("api-token", token)


def may_issue(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(ISSUE))


def parse_addresses(text: str) -> list:
    """The networks of an "allowed addresses" text (spaces or commas between), or a ValidationError naming the
    first that is not an address or a network."""
    networks = []
    for item in re.split(r"[\s,;]+", text or ""):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValidationError({"allowed_ips": _("“%(value)s” is not an IP address or network.") % {
                "value": item[:60]}}) from None
    return networks


def address_allowed(client: ApiClient, address: str) -> bool:
    networks = parse_addresses(client.allowed_ips)
    if not networks:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def service_accounts():
    """The accounts a token may act as: active, without a password (nobody signs in with them: a person's account
    used by a token would let whoever holds the token act as that person, the security administrator included),
    and holding no administrator role."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.db.models import Exists, OuterRef

    from .models import Membership

    admins = Membership.objects.filter(user=OuterRef("pk"), role__code__in=ADMIN_ROLES)
    return (User.objects.filter(is_active=True, is_superuser=False, password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .exclude(Exists(admins)))


def check_service_account(user: User, *, by) -> None:
    """A token acts as an active service account (no password) that holds no administrator role and is not the
    issuer."""
    if not user.is_active:
        raise ValidationError({"user": _("This account is deactivated.")})
    if user.has_usable_password():
        raise ValidationError({"user": _("A token acts only as a service account: an account without a password, "
                                         "which nobody signs in with (the system administrator creates it).")})
    if user.is_superuser or role_codes(user.pk) & ADMIN_ROLES:
        raise ValidationError({"user": _("A token cannot act as an administrator (system, security or audit "
                                         "administrator).")})
    if by is not None and by.pk == user.pk:
        raise ValidationError({"user": _("Nobody may issue a token for their own account.")})


@transaction.atomic
def issue(*, by, name: str, user: User, expires_on: date | None = None, allowed_ips: str = "") -> tuple[ApiClient, str]:
    """Issue a token for the client `name`, acting as `user`: the client's row and the token (shown once, never
    stored). `by` is the security administrator (None: the system, from the command line)."""
    if by is not None and not may_issue(by):
        raise PermissionDenied(_("Only the security administrator issues API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the client a name.")})
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A client of this name exists already (a revoked one keeps its name): "
                                         "choose another name.")})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("This date is in the past.")})
    parse_addresses(allowed_ips)
    check_service_account(user, by=by)
    prefix = secrets.token_hex(5)
    while ApiClient.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 10¹² per client
        prefix = secrets.token_hex(5)
    token = f"sifa_{prefix}_{secrets.token_urlsafe(32)}"
    client = ApiClient.objects.create(
        name=name, user=user, prefix=prefix, token_hash=token_hash(token), expires_on=expires_on,
        allowed_ips=" ".join(str(n) for n in parse_addresses(allowed_ips)), created_by=_person(by))
    audit.record(_person(by), "api_client.issued", client, summary=name,
                 payload={"client": name, "user": user.username, "prefix": prefix,
                          "expires_on": expires_on.isoformat() if expires_on else "",
                          "allowed_ips": client.allowed_ips})
    return client, token


@transaction.atomic
def revoke(*, by, client: ApiClient) -> ApiClient:
    """Revoke a client's token: from now on it answers 401. Revoking is final (issue a new token instead)."""
    if by is not None and not by.has_perm(REVOKE):
        raise PermissionDenied(_("Only the security administrator revokes API tokens."))
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise ValidationError(_("This token was revoked already."))
    client.revoked_at, client.revoked_by = timezone.now(), _person(by)
    client.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(_person(by), "api_client.revoked", client, summary=client.name,
                 payload={"client": client.name, "user": client.user.username, "prefix": client.prefix})
    return client


def authenticate(token: str, *, address: str = "") -> ApiClient | None:
    """The client whose token this is, if it may be used now from `address`; None otherwise."""
    match = TOKEN_RE.match(token or "")
    if match is None:
        return None
    client = ApiClient.objects.select_related("user").filter(prefix=match.group(1)).first()
    if client is None or not hmac.compare_digest(client.token_hash, token_hash(token)):
        return None
    if client.revoked_at is not None or client.expired() or not client.user.is_active:
        log.info("API token %s refused: revoked, expired or its account deactivated", client.prefix)
        return None
    if not address_allowed(client, address):
        log.warning("API token %s refused from an address it is not allowed", client.prefix)
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > USED_EVERY:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client


def _person(user):
    return user if (user is not None and getattr(user, "is_authenticated", False)) else None
