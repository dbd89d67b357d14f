"""`sifa supervisors verify DRAW`: re-run a draw from its record (the listing, its hash, the seed and the quotas)
and compare with the people drawn. DRAW is the request's number (普司监抽〔2022〕1号) or its id. Exit status 1 on
any difference."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from sifa.supervisors import services
from sifa.supervisors.models import DrawRequest


class Command(BaseCommand):
    help = "People's supervisors: verify DRAW re-runs a draw and compares it with its record."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("verify", help="re-run a draw and compare")
        v.add_argument("draw", help="the request's number or id")

    def handle(self, *args, action, draw, **options):
        qs = DrawRequest.objects.filter(number=draw)
        if not qs.exists() and draw.isdigit():
            qs = DrawRequest.objects.filter(pk=int(draw))
        r = qs.first()
        if r is None:
            raise CommandError(f"no draw {draw}")
        result = services.verify(r)
        self.stdout.write(f"{r.number} {r.algorithm} v{r.algorithm_version}")
        for line in result.lines:
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("the draw does not re-run to its record")
        self.stdout.write(self.style.SUCCESS("OK: the draw re-runs to the same people"))
