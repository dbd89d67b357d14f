"""sifa correction_sweep [--date D] [--enqueue [--daily HH:MM]] — the daily supervision sweep of community correction:
脱管 (contacts past their loss-of-contact day, each opening a search, 社区矫正法 第三十条) and 漏管 (persons not reported
in past the intake grace). Run it daily from cron, or queue it with --enqueue --daily 00:10 and a worker running."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import tasks as core_tasks
from sifa.correction import tasks


class Command(BaseCommand):
    help = "Community correction: the daily sweep of lost contacts (脱管) and missed intakes (漏管)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="sweep as of this day (default today)")
        parser.add_argument("--enqueue", action="store_true", help="put the sweep on the task queue instead")
        parser.add_argument("--daily", metavar="HH:MM",
                            help="with --enqueue: run at HH:MM and requeue itself for the same time each day")

    def handle(self, *args, date=None, enqueue=False, daily=None, **options):
        today = _parse(date) if date else None
        if enqueue:
            if daily:
                try:
                    core_tasks.next_run(daily)
                except ValueError:
                    raise CommandError(_("--daily takes a time as HH:MM.")) from None
                result = core_tasks.schedule_daily(daily, daily=tasks.sweep_supervision)
                if result is None:
                    self.stdout.write(_("A daily supervision sweep is already on the queue."))
                else:
                    self.stdout.write(_("Daily supervision sweep queued (task %(id)s, first run %(at)s); a worker "
                                        "must be running: sifa db_worker") % {"id": result.id, "at": result.task.run_after})
                return
            result = tasks.sweep_supervision.enqueue(today=today.isoformat() if today else None)
            self.stdout.write(_("Supervision sweep queued (task %(id)s); a worker must be running: sifa db_worker") % {
                "id": result.id})
            return
        result = tasks.run_sweep(today)
        self.stdout.write(_("%(lost)s contacts lost, %(missed)s persons missed at intake") % result)


def _parse(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}) from None
