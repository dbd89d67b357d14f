"""A person's requests about their own data (个人信息保护法 第四十四条至第五十条), answered by the bureau's
privacy officer: register the request, find everything sifa holds about the person, export it for them, have it
corrected through the services that own it, and record the answer within the time limit.

Finding a person's data does not ask each line: every model with an `id_number_hash` or `phone_hash` column is
searched by the keyed hash of the person's whole number (so a line's own person table is found too), and every
record that points to such a core party (a case's parties, a suit's plaintiffs) is found through the party's
reverse relations. Nothing is decrypted to compare, and a line added later is covered without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, clocks, crypto, numbering
from .clocks import DAYS, Rule
from .events import register_all
from .locking import save_versioned
from .models import DataRequest, DataRequestState, Party
from .models.privacy import DataRequestKind
from .validators import parse_id_number

REPLY = "core.data_request.reply"
NUMBER_KIND = "core.data_request"

clocks.register(
    Rule(REPLY, gettext_lazy("Reply to a personal-data request"), 30, DAYS,
         "《个人信息保护法》第五十条：个人信息处理者应当建立便捷的个人行使权利的申请受理和处理机制，拒绝的应当说明理由；"
         "法律未规定天数，依《信息安全技术 个人信息安全规范》（GB/T 35273—2020）第8.7条，"
         "应在不超过三十天内作出答复及合理解释", setting=REPLY,
         note=gettext_lazy("A district setting: the law sets no number of days; the national standard's 30 is the "
                           "default.")),
)

register_all({
    "privacy.request.registered": gettext_lazy("Registered a personal-data request"),
    "privacy.request.answered": gettext_lazy("Answered a personal-data request"),
    "privacy.holdings.viewed": gettext_lazy("Looked up what sifa holds about a person"),
    "privacy.holdings.exported": gettext_lazy("Exported what sifa holds about a person"),
    "privacy.requests.exported": gettext_lazy("Exported the list of personal-data requests"),
})


@dataclass(frozen=True)
class Holding:
    """One record that holds the person's data."""

    kind: str  # the model's name ("party", "case party")
    record: str  # the record as it prints itself
    url: str  # its page, where it has one
    unit: str
    via: str = ""  # how it was found: "" the number itself, else the party it points to


def register(*, unit, name: str, id_number: str, kind: str, received_on: date, details: str = "", by) -> DataRequest:
    """Record a request (the person's identity having been checked at the window)."""
    id_number = (id_number or "").strip().upper()
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Enter the person's name.")
    try:
        parse_id_number(id_number)
    except ValidationError as exc:
        errors["id_number"] = exc.messages
    if kind not in DataRequestKind.values:
        errors["kind"] = _("Choose what the person asks for.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        req = DataRequest(unit=unit, name=name.strip(), kind=kind, details=details, received_on=received_on,
                          handler=by, id_number_enc=crypto.encrypt(id_number),
                          id_number_hash=crypto.lookup_hash(id_number),
                          id_number_masked=crypto.mask_id_number(id_number))
        req.number = numbering.take(kind=NUMBER_KIND, unit=unit, year=received_on.year,
                                    default_format="{prefix}个保〔{year}〕{n}号")
        req.save()
        clocks.start(req, rule=REPLY, start=received_on, by=by)
        audit.record(by, "privacy.request.registered", req, summary=req.number)
    return req


def answer(req: DataRequest, *, refused: bool, text: str, on: date, by, expected_version: int) -> DataRequest:
    """Record the answer given (a refusal gives its reasons: 第五十条), which meets the reply clock."""
    if req.state != DataRequestState.RECEIVED:
        raise ValidationError(_("This request has already been answered."))
    if not (text or "").strip():
        raise ValidationError({"answer": _("Write the answer given to the person (a refusal gives its reasons).")})
    if on < req.received_on:
        raise ValidationError({"on": _("The answer cannot come before the request was received.")})
    with transaction.atomic():
        req.state = DataRequestState.REFUSED if refused else DataRequestState.ANSWERED
        req.answer, req.answered_on = text.strip(), on
        save_versioned(req, expected_version=expected_version)
        clocks.meet(req, rule=REPLY, on=on, by=by)
        audit.record(by, "privacy.request.answered", req, summary=req.get_state_display())
    return req


def _person_models() -> list[type[models.Model]]:
    """The models that hold a whole personal number (by its keyed hash), historical copies left out."""
    found = []
    for model in apps.get_models():
        if model is DataRequest or model.__name__.startswith("Historical"):
            continue
        names = {f.name for f in model._meta.concrete_fields}
        if "id_number_hash" in names or "phone_hash" in names:
            found.append(model)
    return found


def _label(obj, user) -> tuple[str, str]:
    """The record's text, and its page's address when the user may open it (no link that answers 403)."""
    url = ""
    meta = obj._meta
    if hasattr(obj, "get_absolute_url") and user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        try:
            url = obj.get_absolute_url()
        except Exception:  # noqa: BLE001 — a record whose page needs more than itself: listed without a link
            url = ""
    return str(obj), url


def _unit_name(obj) -> str:
    unit = getattr(obj, "unit", None)
    return str(unit) if unit is not None else ""


def _scoped(model, user):
    manager = model._default_manager
    return manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()


def holdings(req: DataRequest, *, user, limit: int = 500) -> list[Holding]:
    """Every record sifa holds with the person's whole number, and every record pointing to such a party, within
    the user's units (a scoped model's `visible_to`)."""
    key = req.id_number_hash
    found: list[Holding] = []
    parties: list[Party] = []
    for model in _person_models():
        names = {f.name for f in model._meta.concrete_fields}
        match = models.Q()
        if "id_number_hash" in names:
            match |= models.Q(id_number_hash=key)
        if "phone_hash" in names:
            match |= models.Q(phone_hash=key)
        for obj in _scoped(model, user).filter(match)[:limit]:
            record, url = _label(obj, user)
            found.append(Holding(str(model._meta.verbose_name), record, url, _unit_name(obj)))
            if isinstance(obj, Party):
                parties.append(obj)
    if parties:
        found += _pointing_to(parties, user=user, limit=limit)
    return found


CASE_FIELDS = ("case", "dispute", "suit", "application")  # a through row (a case's party) is shown as its case


def _pointing_to(parties: list[Party], *, user, limit: int) -> list[Holding]:
    """The records that point to any of the person's party rows: one query per relation to a party (those
    without a reverse name, "+", too), with the case of a through row and its unit joined in."""
    names = {p.pk: p.name for p in parties}
    person = parties[0].name
    found = []
    for rel in Party._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.many_to_many)):
            continue
        model = rel.related_model
        if model.__name__.startswith("Historical") or model is DataRequest:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        through = next((a for a in CASE_FIELDS if a in fields and fields[a].is_relation), "")
        target_model = fields[through].related_model if through else model
        joins = [through] if through else []
        if any(f.name == "unit" and f.is_relation for f in target_model._meta.concrete_fields):
            joins.append(f"{through}__unit" if through else "unit")
        qs = _scoped(model, user).filter(**{f"{rel.field.name}__in": list(names)}).select_related(*joins)
        if through and hasattr(target_model._default_manager, "visible_to"):  # the case, within the user's units
            qs = qs.filter(**{f"{through}__in": target_model._default_manager.visible_to(user).values("pk")})
        for obj in qs.distinct()[:limit]:
            target = getattr(obj, through) if through and getattr(obj, f"{through}_id") else obj
            record, url = _label(target, user)
            via = names.get(getattr(obj, f"{rel.field.name}_id", None), person)  # a many-to-many: the person
            found.append(Holding(str(target._meta.verbose_name), record, url, _unit_name(target), via=via))
    return found


def holdings_viewed(req: DataRequest, *, by) -> None:
    audit.record_read(by, "privacy.holdings.viewed", req, summary=req.number)
