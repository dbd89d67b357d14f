"""Logins and logouts go into the audit chain."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from .audit import record

    record(user, "auth.login", user, summary=str(user))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    from .audit import record

    if user is not None:
        record(user, "auth.logout", user, summary=str(user))
