"""A dispute's agreement (人民调解法 第二十八条至第三十三条): recording it, its performance, its judicial confirmation, and
mediating again after the court ruled it invalid."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit, clocks
from sifa.core.cases import save_case
from sifa.core.models import Unit
from sifa.core.models.org import UnitKind

from .. import clocks as rules
from ..models import Agreement, AgreementForm, Confirmation, Dispute, Performance
from .common import _clock, _not_before, _number, _require, _today
from .disputes import _meet_court_period, _step
from .reception_state import _routing_follows


@transaction.atomic
def dispute_record_agreement(*, dispute: Dispute, form: str, terms: str, by, on: date | None = None,
                             facts: str = "", performance_method: str = "", performance_due: date | None = None,
                             seek_confirmation: bool = False, expected_version: int | None = None) -> Agreement:
    """Record the agreement: a written 调解协议书 numbered in the committee's series, or an oral agreement whose
    terms the mediator records (人民调解法 第二十八条至第三十条). Meets a court's mediation period; when the parties
    intend to apply for judicial confirmation, starts the 30-day window (第三十三条)."""
    on = _today(on)
    _require(form in AgreementForm.values, "form", _("Say whether the agreement is written or oral."))
    _require(bool(terms.strip()), "terms", _("Record the terms the parties agreed."))
    _require(not (seek_confirmation and form == AgreementForm.ORAL), "seek_confirmation",
             _("Judicial confirmation needs a written agreement."))
    _not_before(on, dispute.accepted_on)
    if performance_due:
        _not_before(performance_due, on, "performance_due")
    _step(dispute, "agree", by)
    number = _number("agreement", dispute.unit, on.year) if form == AgreementForm.WRITTEN else ""
    agreement = Agreement.objects.create(
        dispute=dispute, form=form, number=number, agreed_on=on, facts=facts or dispute.summary, terms=terms,
        performance_method=performance_method, performance_due=performance_due, seek_confirmation=seek_confirmation)
    dispute.agreed_on = dispute.agreed_on or on  # a dispute counts as settled once, on its first agreement
    dispute.agreement_form = form
    dispute.closed_on = on
    save_case(dispute, expected_version=expected_version, by=by)
    _meet_court_period(dispute, on=on, by=by)
    if seek_confirmation:
        _clock(clocks.start, dispute, rule=rules.CONFIRMATION, start=on, by=by)
    _routing_follows(dispute, on=on, by=by)
    audit.record(by, "mediation.dispute.agreed", dispute, summary=number or str(AgreementForm(form).label),
                 payload={"on": on, "form": form, "number": number, "seek_confirmation": seek_confirmation})
    return agreement


def _agreement(dispute: Dispute) -> Agreement:
    agreement = dispute.agreements.order_by("-pk").first()
    if agreement is None:
        raise ValidationError(_("This dispute has no agreement."))
    return agreement


@transaction.atomic
def dispute_record_performance(*, dispute: Dispute, performed: bool, by, on: date | None = None, note: str = "",
                               expected_version: int | None = None) -> Dispute:
    """Record whether the agreement was performed; the committee supervises performance (人民调解法 第三十一条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _not_before(on, agreement.agreed_on)
    _step(dispute, "perform" if performed else "breach", by)
    agreement.performance = Performance.PERFORMED if performed else Performance.BREACHED
    agreement.performance_on, agreement.performance_note = on, note
    agreement.save(update_fields=["performance", "performance_on", "performance_note"])
    save_case(dispute, expected_version=expected_version, by=by)
    if performed and agreement.confirmation == Confirmation.NONE:
        clocks.cancel(dispute, rule=rules.CONFIRMATION, on=on, by=by, reason=_("Agreement performed"))
    audit.record(by, "mediation.dispute.performed" if performed else "mediation.dispute.breached", dispute,
                 payload={"on": on, "note": note})
    return dispute


@transaction.atomic
def dispute_apply_confirmation(*, dispute: Dispute, court: Unit, by, on: date | None = None,
                               expected_version: int | None = None) -> Agreement:
    """Both parties jointly applied to the court for judicial confirmation (人民调解法 第三十三条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _require(court.kind == UnitKind.COURT, "court", _("Choose a court."))
    _not_before(on, agreement.agreed_on)
    _step(dispute, "apply_confirmation", by)
    agreement.confirmation, agreement.confirmation_court, agreement.confirmation_applied_on = (
        Confirmation.APPLIED, court, on)
    agreement.save(update_fields=["confirmation", "confirmation_court", "confirmation_applied_on"])
    save_case(dispute, expected_version=expected_version, by=by)
    window = clocks.current(dispute, rules.CONFIRMATION)
    late = bool(window and on > window.due)
    _clock(clocks.meet, dispute, rule=rules.CONFIRMATION, on=on, by=by, missing_ok=True)
    audit.record(by, "mediation.dispute.confirmation_applied", dispute, summary=str(court),
                 payload={"on": on, "court": court.code, "late": late})
    return agreement


@transaction.atomic
def dispute_record_confirmation(*, dispute: Dispute, confirmed: bool, by, on: date | None = None,
                                reference: str = "", expected_version: int | None = None) -> Agreement:
    """The court's ruling: the agreement confirmed valid (enforceable) or ruled invalid (民事诉讼法 第二百零六条)."""
    on = _today(on)
    agreement = _agreement(dispute)
    _not_before(on, agreement.confirmation_applied_on)
    _step(dispute, "confirmation_ruling", by)
    agreement.confirmation = Confirmation.CONFIRMED if confirmed else Confirmation.INVALID
    agreement.confirmation_decided_on, agreement.confirmation_reference = on, reference
    agreement.save(update_fields=["confirmation", "confirmation_decided_on", "confirmation_reference"])
    save_case(dispute, expected_version=expected_version, by=by)
    audit.record(by, "mediation.dispute.confirmation_ruled", dispute,
                 payload={"on": on, "confirmed": confirmed, "reference": reference})
    return agreement


@transaction.atomic
def dispute_remediate(*, dispute: Dispute, by, on: date | None = None, expected_version: int | None = None) -> Dispute:
    """After the court ruled the agreement invalid, the parties may mediate again (人民调解法 第三十三条第三款)."""
    on = _today(on)
    _step(dispute, "remediate", by)
    dispute.closed_on = None
    save_case(dispute, expected_version=expected_version, by=by)
    audit.record(by, "mediation.dispute.remediating", dispute, payload={"on": on})
    return dispute
