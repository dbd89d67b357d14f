"""sifa reconsideration_deem_accepted [--date D] — accept every application whose review period has ended
without a refusal (行政复议法 第三十条第三款). Run it daily beside `sifa clocks sweep`."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core.workflow import StepError
from sifa.reconsideration.services import reconsideration_deem_accepted_due


class Command(BaseCommand):
    help = "Deemed acceptance of reconsideration applications whose review period has ended."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="as of this day (default today)")

    def handle(self, *args, date=None, **options):
        try:
            on = _parse(date) if date else None
            n = reconsideration_deem_accepted_due(on=on)
        except StepError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("%(n)s applications deemed accepted.") % {"n": n})


def _parse(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}) from None
