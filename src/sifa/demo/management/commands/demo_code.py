"""`sifa demo_code`: the current two-factor code of the demo's administrators and leader (their devices share
the published secret `district.DEMO_TOTP_KEY`), for signing in to the demo without an authenticator app."""

import time

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from sifa.demo import district


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo users admin, security, auditor and leader."

    def handle(self, *args, **opts):
        code = totp(bytes.fromhex(district.DEMO_TOTP_KEY))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  ({left} s)")
