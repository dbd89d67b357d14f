"""Clock effects beyond the kit's seven verbs (core.workflow: Start, Meet, Pause, Resume, Extend, Cancel, Close).

`Replace(old, new, at=...)`: a period gives way to another one counted from an earlier day, keeping the time
already excluded — a simplified procedure switched to the ordinary one (行政复议法 第五十五条: the ordinary
period runs from the acceptance, the days of an inspection or appraisal stay excluded). The old clock is
stopped, the new one started from `at`, and every pause of the old one is laid on the new one (an open pause
stays open).

A separate module so that the kit's table module stays as it is while the lines learn what else they need;
fold it into `core.workflow` when a second line uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .workflow import ClockEffect, _date, _rule


@dataclass(frozen=True)
class ReplaceEffect(ClockEffect):
    to: object = None  # the rule (or a function of the case giving it) that replaces `rule`

    def describe(self) -> str:
        from django.utils import timezone

        from . import clocks

        def name(ref):
            if callable(ref):
                return str(self.note) or _("the clock for the case")
            try:
                return clocks.rule_for(ref, timezone.localdate()).label
            except clocks.ClockError:
                return ref

        return _("replaces %(old)s by %(new)s, keeping the time excluded") % {
            "old": name(self.rule), "new": name(self.to)}

    def apply(self, case, data, *, on: date, by) -> None:
        from . import clocks

        if self.when is not None and not self.when(case, data):
            return
        old, new = _rule(self.rule, case), _rule(self.to, case)
        current = clocks.current(case, old)
        pauses = list(current.pauses) if current else []
        reason = str(self.reason(case, data) if callable(self.reason) else self.reason)
        clocks.cancel(case, rule=old, on=on, by=by, reason=reason or str(data.get("reason", "")))
        clocks.start(case, rule=new, start=_date(self.at, case, data, on), by=by)
        for p in pauses:
            clocks.pause(case, rule=new, on=date.fromisoformat(p["from"]), by=by, reason=p.get("reason", ""))
            if p.get("to"):
                clocks.resume(case, rule=new, on=date.fromisoformat(p["to"]), by=by)


def Replace(old, new, *, at=None, reason="", when=None, note="") -> ReplaceEffect:  # noqa: N802 - a table's verb
    return ReplaceEffect("replace", old, to=new, at=at, reason=reason, when=when, note=note)


__all__ = ["Replace", "ReplaceEffect"]
