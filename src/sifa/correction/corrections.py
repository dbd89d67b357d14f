"""What of a registered person under correction, or of a registered commission to assess, may be corrected (更正),
declared for core.corrections. The days the statutory clocks and the derived dates were counted from (the judgment
taking effect: report-in day and 漏管 day; the commission's receipt: the assessment's due day) are not offered: a
wrong one is corrected by terminating the record and registering it again."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .models import Assessment, AssessmentState, State, Supervisee


def _closed(case):
    if case.state in (State.ENDED, State.TERMINATED, State.TRANSFERRED):
        return _("The correction has ended: its registration can no longer be corrected.")
    return None


def _kind_locked(case):
    """管制 cannot be revoked (the ladder and the revocation step read the type): once a sanction is decided the type
    stays."""
    if case.sanctions.exists():
        return _("Sanctions have been decided on this type: it can no longer be corrected.")
    return _closed(case)


corrections.register(
    Supervisee,
    fields=("kind", "offence", "deciding_organ", "deciding_body", "decision_number", "notice_received_on",
            "term_start", "term_end"),
    locked={"kind": _kind_locked, "term_end": _closed, "term_start": _closed,
            "notice_received_on": _closed},
)


def _answered(a):
    if a.state != AssessmentState.PENDING:
        return _("The opinion has been submitted: the commission can no longer be corrected.")
    return None


corrections.register(
    Assessment,
    fields=("commissioning_organ", "commissioning_body", "commission_number", "offence", "proposed_kind"),
    locked={"proposed_kind": _answered, "commissioning_organ": _answered},
)
