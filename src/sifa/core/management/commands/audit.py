"""sifa audit verify [--checkpoints FILE] — walk the audit chain as of one moment; name the first event whose hash
or link fails, or a break with the checkpoint file (exit code 1), or report how many events were verified.
sifa audit checkpoint [--file FILE] [--enqueue [--daily HH:MM]] — append the chain's head, sealed with the audit
key, to the checkpoint file (default SIFA_AUDIT_CHECKPOINT_FILE) that the operator archives.

Write a checkpoint daily: from cron (`10 0 * * * cd /srv/sifa && .venv/bin/sifa audit checkpoint`), or on the task
queue with `sifa audit checkpoint --enqueue --daily 00:10` and a worker running (`sifa db_worker`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sifa.core import audit, tasks


class Command(BaseCommand):
    help = ("Audit chain tools. verify: check every event's keyed SM3 hash and link, in sequence order, and the "
            "checkpoints; checkpoint: seal the chain's head into the checkpoint file.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the whole chain and its checkpoints")
        verify.add_argument("--checkpoints", metavar="FILE",
                            help="the checkpoint file to check against (default SIFA_AUDIT_CHECKPOINT_FILE)")
        checkpoint = sub.add_parser("checkpoint", help="append the chain's head, sealed, to the checkpoint file")
        checkpoint.add_argument("--file", metavar="FILE", help="default SIFA_AUDIT_CHECKPOINT_FILE")
        checkpoint.add_argument("--enqueue", action="store_true", help="put the checkpoint on the task queue instead")
        checkpoint.add_argument("--daily", metavar="HH:MM",
                                help="with --enqueue: run at HH:MM and requeue itself for the same time each day")

    def handle(self, *args, action=None, **options):
        if action == "checkpoint":
            self._checkpoint(**options)
            return
        result = audit.verify(checkpoints=options.get("checkpoints"))
        if not result.ok:
            raise _failure(result)
        self.stdout.write(_("The audit chain is intact: %(n)s events verified.") % {"n": result.verified})
        if result.legacy:
            self.stdout.write(_("%(n)s of them were written before the chain had a key (plain SM3).") % {
                "n": result.legacy})
        path = audit.checkpoint_path(options.get("checkpoints"))
        if result.checkpoints:
            self.stdout.write(_("It agrees with the %(n)s checkpoints in %(path)s.") % {
                "n": result.checkpoints, "path": path})
        else:
            self.stdout.write(_("No checkpoint in %(path)s: write one daily (sifa audit checkpoint) and archive "
                                "the file.") % {"path": path})

    def _checkpoint(self, *, file=None, enqueue=False, daily=None, **options):
        if enqueue:
            if daily:
                try:
                    tasks.next_run(daily)
                except ValueError:
                    raise CommandError(_("--daily takes a time as HH:MM.")) from None
                result = tasks.schedule_daily(daily, daily=tasks.checkpoint_audit)
                if result is None:
                    self.stdout.write(_("A daily checkpoint is already on the queue."))
                else:
                    self.stdout.write(_("Daily checkpoint queued (task %(id)s, first run %(at)s); a worker must be "
                                        "running: sifa db_worker") % {"id": result.id, "at": result.task.run_after})
                return
            result = tasks.checkpoint_audit.enqueue()
            self.stdout.write(_("Checkpoint queued (task %(id)s); a worker must be running: sifa db_worker") % {
                "id": result.id})
            return
        try:
            cp = audit.checkpoint(file)
        except audit.ChainBroken as broken:
            raise _failure(broken.verification) from None
        self.stdout.write(_("Checkpoint written to %(path)s: event #%(seq)s, %(hash)s.") % {
            "path": audit.checkpoint_path(file), "seq": cp.seq, "hash": cp.hash})


def _failure(result: audit.Verification) -> CommandError:
    if result.first_bad_seq is None:
        return CommandError(_("The audit chain cannot be trusted: %(reason)s.") % {"reason": result.reason})
    return CommandError(_("The audit chain is broken at event #%(seq)s: %(reason)s. %(n)s events before it "
                          "verified.") % {"seq": result.first_bad_seq, "reason": result.reason, "n": result.verified})
