"""A dispute's agreement (人民调解法 第二十八条至第三十三条): the writes of recording it, its performance, its judicial
confirmation, and mediating again after the court ruled it invalid (the table in `workflow.py` runs them)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from sifa.core import clocks
from sifa.core.models.org import UnitKind
from sifa.core.workflow import StepError, not_before

from .. import clocks as rules
from ..models import Agreement, AgreementForm, Confirmation, Dispute, Performance
from .common import _number, _require
from .reception_state import _routing_follows


def agree(dispute: Dispute, data, *, on: date, by) -> Agreement:
    """The agreement: a written 调解协议书 numbered in the committee's series, or an oral agreement whose terms the
    mediator records (人民调解法 第二十八条至第三十条)."""
    form, terms = data.get("form"), data.get("terms") or ""
    seek_confirmation, performance_due = bool(data.get("seek_confirmation")), data.get("performance_due")
    _require(form in AgreementForm.values, "form", _("Say whether the agreement is written or oral."))
    _require(bool(terms.strip()), "terms", _("Record the terms the parties agreed."))
    _require(not (seek_confirmation and form == AgreementForm.ORAL), "seek_confirmation",
             _("Judicial confirmation needs a written agreement."))
    if performance_due and performance_due < on:
        raise StepError(_("The date cannot be before %(date)s.") % {"date": on}, field="performance_due")
    number = _number("agreement", dispute.unit, on.year) if form == AgreementForm.WRITTEN else ""
    agreement = Agreement.objects.create(
        dispute=dispute, form=form, number=number, agreed_on=on, facts=data.get("facts") or dispute.summary,
        terms=terms, performance_method=data.get("performance_method", ""), performance_due=performance_due,
        seek_confirmation=seek_confirmation)
    dispute.agreed_on = dispute.agreed_on or on  # a dispute counts as settled once, on its first agreement
    dispute.agreement_form = form
    _routing_follows(dispute, success=True, on=on, by=by)
    return agreement


def _agreement(dispute: Dispute) -> Agreement:
    agreement = dispute.agreements.order_by("-pk").first()
    if agreement is None:
        raise StepError(_("This dispute has no agreement."))
    return agreement


def _performance(dispute: Dispute, data, on: date, performance: str) -> Agreement:
    """Whether the agreement was performed; the committee supervises performance (人民调解法 第三十一条)."""
    agreement = _agreement(dispute)
    not_before(on, agreement.agreed_on, _("the agreement"))
    agreement.performance, agreement.performance_on, agreement.performance_note = (
        performance, on, data.get("note", ""))
    agreement.save(update_fields=["performance", "performance_on", "performance_note"])
    return agreement


def performed(dispute: Dispute, data, *, on: date, by) -> None:
    _performance(dispute, data, on, Performance.PERFORMED)


def breached(dispute: Dispute, data, *, on: date, by) -> None:
    _performance(dispute, data, on, Performance.BREACHED)


def apply_confirmation(dispute: Dispute, data, *, on: date, by) -> Agreement:
    """Both parties jointly applied to the court for judicial confirmation (人民调解法 第三十三条); an application
    after the 30 days is recorded as late."""
    agreement = _agreement(dispute)
    court = data.get("court")
    _require(court is not None and court.kind == UnitKind.COURT, "court", _("Choose a court."))
    not_before(on, agreement.agreed_on, _("the agreement"))
    agreement.confirmation, agreement.confirmation_court, agreement.confirmation_applied_on = (
        Confirmation.APPLIED, court, on)
    agreement.save(update_fields=["confirmation", "confirmation_court", "confirmation_applied_on"])
    window = clocks.current(dispute, rules.CONFIRMATION)
    data["late"] = bool(window and on > window.due)
    return agreement


def record_confirmation(dispute: Dispute, data, *, on: date, by) -> Agreement:
    """The court's ruling: the agreement confirmed valid (enforceable) or ruled invalid (民事诉讼法 第二百零六条)."""
    agreement = _agreement(dispute)
    not_before(on, agreement.confirmation_applied_on, _("the application"))
    agreement.confirmation = Confirmation.CONFIRMED if data.get("confirmed") else Confirmation.INVALID
    agreement.confirmation_decided_on, agreement.confirmation_reference = on, data.get("reference", "")
    agreement.save(update_fields=["confirmation", "confirmation_decided_on", "confirmation_reference"])
    return agreement


def remediate(dispute: Dispute, data, *, on: date, by) -> None:
    """After the court ruled the agreement invalid, the parties may mediate again (人民调解法 第三十三条第三款)."""
    dispute.closed_on = None
