"""sifa clocks sweep [--date D] [--enqueue [--daily HH:MM]] — mark overdue clocks, list those due soon.
sifa clocks recompute — derive every open clock's due date again after a calendar correction.

Run the sweep daily: from cron (`5 0 * * * cd /srv/sifa && .venv/bin/sifa clocks sweep`), or on the task
queue with `sifa clocks sweep --enqueue --daily 00:05` and a worker running (`sifa db_worker`)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import clocks, tasks


class Command(BaseCommand):
    help = "Statutory clocks: sweep (mark overdue, list due soon) and recompute (after a calendar correction)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="mark overdue clocks and list those due soon")
        sweep.add_argument("--date", help="sweep as of this day (default today)")
        sweep.add_argument("--working-days", type=int, default=None,
                           help="due-soon threshold in working days (default SIFA_DUE_SOON_WORKING_DAYS)")
        sweep.add_argument("--enqueue", action="store_true", help="put the sweep on the task queue instead")
        sweep.add_argument("--daily", metavar="HH:MM",
                           help="with --enqueue: run at HH:MM and requeue itself for the same time each day")
        sub.add_parser("recompute", help="derive open clocks' due dates again from their history")

    def handle(self, *args, action=None, **options):
        if action == "recompute":
            changed, failed = clocks.recompute_open()
            self.stdout.write(_("%(n)s clocks changed.") % {"n": changed})
            for pk, error in failed:
                self.stderr.write(f"#{pk}: {error}")
            if failed:
                raise CommandError(_("%(n)s clocks could not be computed.") % {"n": len(failed)})
            return
        self._sweep(**options)

    def _sweep(self, *, date=None, working_days=None, enqueue=False, daily=None, **options):
        today = _parse(date) if date else None
        if enqueue:
            if daily:
                try:
                    tasks.next_run(daily)
                except ValueError:
                    raise CommandError(_("--daily takes a time as HH:MM.")) from None
                result = tasks.schedule_daily(daily)
                if result is None:
                    self.stdout.write(_("A daily sweep is already on the queue."))
                else:
                    self.stdout.write(_("Daily sweep queued (task %(id)s, first run %(at)s); a worker must be "
                                        "running: sifa db_worker") % {"id": result.id, "at": result.task.run_after})
                return
            result = tasks.sweep_clocks.enqueue(today=today.isoformat() if today else None)
            self.stdout.write(_("Sweep queued (task %(id)s); a worker must be running: sifa db_worker") % {
                "id": result.id})
            return
        result = clocks.sweep(today, working_days=working_days)
        self.stdout.write(_("%(n)s clocks marked overdue.") % {"n": result.marked_overdue})
        if result.warning:
            self.stderr.write(result.warning)
        self.stdout.write(_("%(n)s clocks due by %(date)s:") % {"n": len(result.due_soon), "date": result.threshold})
        for row in result.due_soon:
            self.stdout.write(f"  {row['due']}  {row['label']}  {row['case_label']}")


def _parse(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}) from None
