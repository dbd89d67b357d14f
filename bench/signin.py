"""A benchmark's signed-in client: `force_login` skips the password, and the session is marked as having passed
the second factor (sifa.core.two_factor), as a person's would be after typing the code: the benchmarks measure
the pages behind the sign-in, not the sign-in."""

from __future__ import annotations

from django.test import Client


def signed_in(user) -> Client:
    from sifa.core import two_factor

    c = Client()
    c.force_login(user, backend="sifa.core.auth.RoleBackend")  # the project's one password backend
    session = c.session
    session[two_factor.SESSION_KEY] = two_factor.PASSED
    session.save()
    return c
