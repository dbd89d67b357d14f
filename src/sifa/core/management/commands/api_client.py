"""sifa api_client issue --name NAME --user USERNAME [--expires YYYY-MM-DD] [--allow ADDRESSES] [--by USERNAME]
sifa api_client revoke (--name NAME | --prefix PREFIX) [--by USERNAME]
sifa api_client list

Issue, revoke and list the JSON API's machine-client tokens (core.api_clients) from the server's shell. `issue`
prints the token once, on its own line (the only time it is shown; it is not stored). `--by` names the security
administrator on whose behalf the operator acts (recorded in the audit chain); without it the system acts."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import api_clients
from sifa.core.models import ApiClient, User


def _user(username: str, option: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("%(option)s: there is no user “%(name)s”.") % {"option": option, "name": username})
    return user


def _refusal(exc: Exception) -> CommandError:
    if isinstance(exc, ValidationError):
        return CommandError(" ".join(exc.messages))
    return CommandError(str(exc))


class Command(BaseCommand):
    help = "Issue, revoke and list the tokens of the JSON API's machine clients."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a token (printed once)")
        issue.add_argument("--name", required=True, help="the client, e.g. 区法院案件系统")
        issue.add_argument("--user", required=True, help="the service account the token acts as (username)")
        issue.add_argument("--expires", metavar="YYYY-MM-DD", help="the last day the token is accepted")
        issue.add_argument("--allow", default="", metavar="ADDRESSES",
                           help="client addresses or networks allowed, separated by commas (default: any)")
        issue.add_argument("--by", metavar="USERNAME", help="the security administrator issuing it")
        revoke = sub.add_parser("revoke", help="revoke a token")
        which = revoke.add_mutually_exclusive_group(required=True)
        which.add_argument("--name", help="the client's name")
        which.add_argument("--prefix", help="the token's prefix (the 10 characters after sifa_)")
        revoke.add_argument("--by", metavar="USERNAME", help="the security administrator revoking it")
        sub.add_parser("list", help="list the clients and the state of their tokens")

    def handle(self, *args, action=None, **options):
        username = options.pop("by", None)
        by = _user(username, "--by") if username else None
        if by is not None and not api_clients.may_issue(by):
            raise CommandError(_("--by: only the security administrator issues and revokes API tokens."))
        try:
            if action == "issue":
                self._issue(by=by, **options)
            elif action == "revoke":
                self._revoke(by=by, **options)
            else:
                self._list()
        except (ValidationError, PermissionDenied) as exc:
            raise _refusal(exc) from None

    def _issue(self, *, by, name, user, expires=None, allow="", **options):
        try:
            expires_on = date.fromisoformat(expires) if expires else None
        except ValueError:
            raise CommandError(_("--expires takes a date as YYYY-MM-DD.")) from None
        client, token = api_clients.issue(by=by, name=name, user=_user(user, "--user"), expires_on=expires_on,
                                          allowed_ips=allow)
        self.stderr.write(_("Token issued to %(client)s (acts as %(user)s). It is shown this once and not stored:")
                          % {"client": client.name, "user": client.user.username})
        self.stdout.write(token)

    def _revoke(self, *, by, name=None, prefix=None, **options):
        client = ApiClient.objects.filter(**({"name": name} if name else {"prefix": prefix})).first()
        if client is None:
            raise CommandError(_("There is no such API client."))
        api_clients.revoke(by=by, client=client)
        self.stdout.write(_("The token of %(client)s is revoked.") % {"client": client.name})

    def _list(self):
        for c in ApiClient.objects.select_related("user").order_by("name"):
            state = (_("revoked") if c.revoked_at else _("valid") if c.active else _("expired"))
            self.stdout.write("\t".join([
                c.name, f"sifa_{c.prefix}_…", c.user.username, state,
                c.expires_on.isoformat() if c.expires_on else "-",
                c.last_used_at.strftime("%Y-%m-%d %H:%M") if c.last_used_at else "-"]))
