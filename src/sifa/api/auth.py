"""Who calls the API: a signed-in person (the browser's session, as the pages) or a machine client with its
token (`Authorization: Bearer sifa_…`, issued by the security administrator: core.api_clients).

A request with a bearer token is the client's alone: a bad, revoked or expired token is 401 whatever cookies
come with it, and a good one makes the client's service account the request's user, so every permission check
and every `visible_to(user)` scope of the API applies to it unchanged, and its acts are audited as that account.
The token is never written to a log (ninja's own HttpBearer logs a malformed header in DEBUG: not this one).
"""

from __future__ import annotations

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from sifa.core import api_clients
from sifa.core.limits import client_address


class ClientToken(HttpBearer):
    def __call__(self, request):
        scheme, _sep, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None  # no token: the session may still authenticate the request
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        client = api_clients.authenticate(token, address=client_address(request))
        if client is None:
            raise AuthenticationError  # 401, never a fall back to the session
        request.user = client.user
        request.api_client = client
        return client


client_token = ClientToken()
AUTH = [client_token, django_auth]
