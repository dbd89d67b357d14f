"""The library of excellent cases: submitted, selected (e.g. by 司法部), published."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sifa.core import audit
from sifa.core.locking import save_versioned
from sifa.core.models import Unit

from ..models import Dispute, ExcellentCase, Selector
from .common import _not_before, _require, _today


@transaction.atomic
def case_submit(*, unit: Unit, title: str, by, on: date | None = None, summary: str = "",
                dispute: Dispute | None = None) -> ExcellentCase:
    """Submit a mediation case for selection as an excellent case."""
    on = _today(on)
    _require(bool(title.strip()), "title", _("Give the case a title."))
    case = ExcellentCase.objects.create(unit=unit, title=title, summary=summary, submitted_on=on, dispute=dispute)
    audit.record(by, "mediation.case.submitted", case, summary=title, payload={"on": on})
    return case


@transaction.atomic
def case_select(*, case: ExcellentCase, selected_by: str, by, on: date | None = None) -> ExcellentCase:
    """Record that a case was selected (e.g. by the Ministry of Justice, 司法部)."""
    on = _today(on)
    _require(selected_by in Selector.values, "selected_by", _("Say who selected the case."))
    _require(not case.selected_on, None, _("The case's selection is already recorded."))
    _not_before(on, case.submitted_on)
    case.selected_by, case.selected_on = selected_by, on
    save_versioned(case, by=by)
    audit.record(by, "mediation.case.selected", case, payload={"on": on, "by": selected_by})
    return case


@transaction.atomic
def case_publish(*, case: ExcellentCase, published_in: str, by, on: date | None = None) -> ExcellentCase:
    """Record where and when a case was published (e.g. 《上海法治报》)."""
    on = _today(on)
    _require(bool(published_in.strip()), "published_in", _("Name where the case was published."))
    _require(not case.published_on, None, _("The case's publication is already recorded."))
    _not_before(on, case.submitted_on)
    case.published_in, case.published_on = published_in, on
    save_versioned(case, by=by)
    audit.record(by, "mediation.case.published", case, payload={"on": on, "in": published_in})
    return case
