"""The complaints kit (投诉): a complaint against a regulated practitioner or institution (a lawyer or law firm, a
notary, an appraiser or appraisal institution), built once here and used by each line by declaration.

A line's concrete model extends the abstract `Complaint` (so that each line owns its table and migrations) and
adds its respondent (the FK to its register, `core.register`); it declares its kit once:

    KIT = complaints.Kit(line="<line>", model=MyComplaint, permission="<line>.handle_mycomplaint",
                         acceptance=complaints.Period(10, "working_days", "…"), handling=…, reply=…,
                         url_name="<line>:complaint_action")

and gets: the clock rules (each length a district setting, `core.district`: `<line>.complaint_acceptance`,
`<line>.complaint_handling`, `<line>.complaint_reply`, read when a clock starts), the procedure table
(`KIT.workflow`, a `core.workflow.Workflow`), the step forms, the registration service (`KIT.register`), the
three documents (投诉受理通知书, 不予受理通知书, 投诉处理答复书) and the figures (`KIT.metrics()`).

The procedure: receipt by any channel (letter, phone, visit, online, transferred from another organ) starts the
acceptance clock (working days on `core.calendar`); a request for materials pauses it until they come in; the
acceptance decision accepts (the acceptance notice; the handling clock starts) or does not accept (the notice of
non-acceptance, which is the written reply); an accepted complaint may be transferred (to the bar association or
another organ) or investigated and decided — no violation, industry discipline (行业处分, by the association on
the bureau's proposal) or an administrative penalty with its kind (律师法 第四十七条至第五十一条); the handling
period may be extended with the approver's name and the reason; the decision starts the reply clock, met by the
written reply (投诉处理答复书) to the complainant (and the respondent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import audit, numbering
from . import clocks as core_clocks
from .cases import Case
from .clocks import Rule
from .documents import OfficialDocument, chinese_date, p, render_docx
from .metrics import Count, Equation, Rate
from .steps import StepForm
from .workflow import Close, Extend, Meet, Pause, Resume, Start, StepError, Transition, Workflow

C = "complaint"  # the translation context of the kit's words


class State(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("complaint", "Received, acceptance under review")
    MATERIALS = "materials", pgettext_lazy("complaint", "Materials requested")
    ACCEPTED = "accepted", pgettext_lazy("complaint", "Accepted, under investigation")
    DECIDED = "decided", pgettext_lazy("complaint", "Decided, reply due")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("complaint", "Not accepted")
    TRANSFERRED = "transferred", pgettext_lazy("complaint", "Transferred")
    CLOSED = "closed", pgettext_lazy("complaint", "Replied and closed")


OPEN = (State.RECEIVED, State.MATERIALS, State.ACCEPTED, State.DECIDED)


class Channel(models.TextChoices):
    LETTER = "letter", pgettext_lazy("complaint", "Letter")
    PHONE = "phone", pgettext_lazy("complaint", "Telephone")
    VISIT = "visit", pgettext_lazy("complaint", "Visit")
    ONLINE = "online", pgettext_lazy("complaint", "Online")
    TRANSFERRED_IN = "transferred_in", pgettext_lazy("complaint", "Transferred by another organ")


class Outcome(models.TextChoices):
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("complaint", "Not accepted")
    TRANSFERRED = "transferred", pgettext_lazy("complaint", "Transferred")
    NO_VIOLATION = "no_violation", pgettext_lazy("complaint", "No violation found")
    DISCIPLINE = "discipline", pgettext_lazy("complaint", "Industry discipline")
    PENALTY = "penalty", pgettext_lazy("complaint", "Administrative penalty")


DECIDED_OUTCOMES = (Outcome.NO_VIOLATION, Outcome.DISCIPLINE, Outcome.PENALTY)


class PenaltyKind(models.TextChoices):
    """律师法 第四十七条至第五十条 (the other lines' laws list the same kinds)."""

    WARNING = "warning", pgettext_lazy("complaint", "Warning")
    FINE = "fine", pgettext_lazy("complaint", "Fine")
    CONFISCATION = "confiscation", pgettext_lazy("complaint", "Confiscation of illegal gains")
    SUSPENSION = "suspension", pgettext_lazy("complaint", "Suspension of practice")
    RECTIFICATION = "rectification", pgettext_lazy("complaint", "Suspension of business for rectification")
    REVOCATION = "revocation", pgettext_lazy("complaint", "Revocation of the licence (proposed to the city)")


class Complaint(Case):
    """A complaint; the line's model adds its respondent and `respondent_label()`."""

    states = State

    channel = models.CharField(pgettext_lazy("complaint", "channel"), max_length=16, choices=Channel.choices)
    received_on = models.DateField(pgettext_lazy("complaint", "received on"), db_index=True)
    complainant = models.CharField(pgettext_lazy("complaint", "complainant"), max_length=120)
    complainant_address = models.CharField(pgettext_lazy("complaint", "complainant's address"), max_length=200, blank=True)
    matter = models.TextField(pgettext_lazy("complaint", "what is complained of"))
    materials_requested = models.TextField(pgettext_lazy("complaint", "materials requested"), blank=True)
    accepted_on = models.DateField(pgettext_lazy("complaint", "accepted on"), null=True, blank=True, db_index=True)
    acceptance_in_time = models.BooleanField(pgettext_lazy("complaint", "acceptance decided in time"), null=True, blank=True)
    not_accepted_reason = models.TextField(pgettext_lazy("complaint", "reason for not accepting"), blank=True)
    transferred_to = models.CharField(pgettext_lazy("complaint", "transferred to"), max_length=120, blank=True)
    outcome = models.CharField(pgettext_lazy("complaint", "outcome"), max_length=16, choices=Outcome.choices, blank=True,
                               db_index=True)
    penalty_kind = models.CharField(pgettext_lazy("complaint", "kind of penalty"), max_length=16, choices=PenaltyKind.choices,
                                    blank=True)
    findings = models.TextField(pgettext_lazy("complaint", "findings"), blank=True)
    concluded_on = models.DateField(pgettext_lazy("complaint", "concluded on"), null=True, blank=True, db_index=True)
    replied_on = models.DateField(pgettext_lazy("complaint", "replied on"), null=True, blank=True, db_index=True)
    replied_in_time = models.BooleanField(pgettext_lazy("complaint", "replied in time"), null=True, blank=True)
    acceptance_number = models.CharField(pgettext_lazy("complaint", "acceptance notice number"), max_length=60, blank=True)
    refusal_number = models.CharField(pgettext_lazy("complaint", "non-acceptance notice number"), max_length=60, blank=True)
    reply_number = models.CharField(pgettext_lazy("complaint", "reply number"), max_length=60, blank=True)

    class Meta:
        abstract = True

    def respondent_label(self) -> str:  # pragma: no cover - the line's model says who is complained of
        raise NotImplementedError

    def __str__(self) -> str:
        return f"{self.number} {self.complainant}".strip()

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state


@dataclass(frozen=True)
class Period:
    length: int
    unit: str
    basis: str
    max_extension: int = 0
    extension_basis: str = ""
    note: str = ""


# --- step forms -----------------------------------------------------------------------------------------------

class MaterialsForm(StepForm):
    materials = forms.CharField(label=gettext_lazy("Materials the complainant is to supply"), widget=forms.Textarea)


class NotAcceptedForm(StepForm):
    reason = forms.CharField(label=gettext_lazy("Reason for not accepting"), widget=forms.Textarea)


class TransferForm(StepForm):
    transferred_to = forms.CharField(label=gettext_lazy("Transferred to"), max_length=120)
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea)


class ExtendForm(StepForm):
    days = forms.IntegerField(label=gettext_lazy("Days of extension"), min_value=1, max_value=90)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label=pgettext_lazy("complaint", "Outcome"),
                                choices=[(o.value, o.label) for o in DECIDED_OUTCOMES])
    penalty_kind = forms.ChoiceField(label=pgettext_lazy("complaint", "Kind of penalty"), required=False,
                                     choices=[("", "—"), *PenaltyKind.choices])
    findings = forms.CharField(label=pgettext_lazy("complaint", "Findings"), widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.PENALTY and not data.get("penalty_kind"):
            self.add_error("penalty_kind", _("Name the kind of penalty."))
        if data.get("outcome") != Outcome.PENALTY:
            data["penalty_kind"] = ""
        return data


# --- the kit --------------------------------------------------------------------------------------------------

NUMBER_FORMATS = {"case": "{prefix}投〔{year}〕{n}号", "acceptance_notice": "{prefix}投受〔{year}〕{n}号",
                  "refusal_notice": "{prefix}投不〔{year}〕{n}号", "reply": "{prefix}投复〔{year}〕{n}号"}
NUMBER_FIELDS = {"acceptance_notice": "acceptance_number", "refusal_notice": "refusal_number", "reply": "reply_number"}
TITLES = {"acceptance_notice": "投诉受理通知书", "refusal_notice": "不予受理通知书", "reply": "投诉处理答复书"}


class DocumentNotIssued(LookupError):
    pass


@dataclass
class Kit:
    line: str
    model: type
    permission: str
    acceptance: Period
    handling: Period
    reply: Period
    url_name: str
    label: str = ""  # the line's word for it, e.g. 律师投诉
    law: str = ""  # the rules of the procedure, for the documents (《…投诉处理办法》)
    rules: dict = field(default_factory=dict, init=False)

    def __post_init__(self):
        self.ACCEPTANCE = f"{self.line}.complaint_acceptance"
        self.HANDLING = f"{self.line}.complaint_handling"
        self.REPLY = f"{self.line}.complaint_reply"
        labels = {self.ACCEPTANCE: gettext_lazy("Decision whether to accept a complaint"),
                  self.HANDLING: gettext_lazy("Investigation and decision of a complaint"),
                  self.REPLY: gettext_lazy("Written reply to the complainant")}
        for key, period in ((self.ACCEPTANCE, self.acceptance), (self.HANDLING, self.handling),
                            (self.REPLY, self.reply)):
            self.rules[key] = Rule(key, labels[key], period.length, period.unit, period.basis,
                                   max_extension=period.max_extension, extension_basis=period.extension_basis,
                                   note=period.note, setting=key)
        core_clocks.register(*self.rules.values())
        self.workflow = self._workflow()
        from .events import register_all

        c = f"{self.line}.complaint"
        register_all({f"{c}.registered": gettext_lazy("Complaint registered"),
                      f"{c}.materials_requested": gettext_lazy("Complainant asked for materials"),
                      f"{c}.materials_received": gettext_lazy("Complainant's materials received"),
                      f"{c}.accepted": gettext_lazy("Complaint accepted"),
                      f"{c}.not_accepted": gettext_lazy("Complaint not accepted"),
                      f"{c}.transferred": gettext_lazy("Complaint transferred"),
                      f"{c}.extended": gettext_lazy("Handling period of a complaint extended"),
                      f"{c}.decided": gettext_lazy("Outcome of a complaint recorded"),
                      f"{c}.replied": gettext_lazy("Written reply to a complaint sent"),
                      f"{c}.document.downloaded": gettext_lazy("Complaint document downloaded"),
                      f"{c}.exported": gettext_lazy("Complaints exported")})

    # --- registration ---------------------------------------------------------------------------------------

    @transaction.atomic
    def register(self, *, unit, by, received_on: date, channel: str, complainant: str, matter: str,
                 complainant_address: str = "", **respondent) -> Complaint:
        """Register a complaint received by any channel: numbered, audited, the acceptance clock started."""
        if unit is None:
            raise StepError(_("You belong to no unit that could register the complaint."))
        if received_on > timezone.localdate():
            raise StepError(_("This date is in the future."), field="received_on")
        if channel not in Channel.values:
            raise StepError(_("Unknown channel."), field="channel")
        if not complainant.strip():
            raise StepError(_("Name the complainant."), field="complainant")
        case = self.model(unit=unit, state=State.RECEIVED, handler=by if getattr(by, "pk", None) else None,
                          opened_on=received_on, received_on=received_on, channel=channel,
                          complainant=complainant.strip(), complainant_address=complainant_address.strip(),
                          matter=matter.strip(), **respondent)
        case.number = numbering.take(kind=f"{self.line}.complaint", unit=unit, year=received_on.year,
                                     default_format=NUMBER_FORMATS["case"])
        case.full_clean(exclude=["handler", *respondent])
        case.save()
        core_clocks.start(case, rule=self.ACCEPTANCE, start=received_on, by=by)
        audit.record(by, f"{self.line}.complaint.registered", case, summary=case.number,
                     payload={"channel": channel, "received_on": received_on})
        return case

    # --- the procedure --------------------------------------------------------------------------------------

    def _in_time(self, case, rule: str, on: date) -> bool | None:
        d = core_clocks.current(case, rule)
        return None if d is None else on <= d.due

    def _issue(self, case, kind: str, *, on, by, ref=None) -> str:
        number = numbering.take(kind=f"{self.line}.{kind}", unit=case.unit, year=on.year,
                                default_format=NUMBER_FORMATS[kind])
        setattr(case, NUMBER_FIELDS[kind], number)
        return number

    def _workflow(self) -> Workflow:
        S, P = State, self.permission
        A, H, R = self.ACCEPTANCE, self.HANDLING, self.REPLY

        def request_materials(case, data, *, on, by):
            case.materials_requested = data["materials"].strip()

        def accept(case, data, *, on, by):
            case.accepted_on = on
            case.acceptance_in_time = self._in_time(case, A, on)

        def not_accept(case, data, *, on, by):
            case.acceptance_in_time = self._in_time(case, A, on)
            case.not_accepted_reason = data["reason"].strip()
            case.outcome, case.concluded_on = Outcome.NOT_ACCEPTED, on
            case.replied_on, case.replied_in_time = on, case.acceptance_in_time

        def transfer(case, data, *, on, by):
            if case.state != S.ACCEPTED:
                case.acceptance_in_time = self._in_time(case, A, on)
            case.transferred_to = data["transferred_to"].strip()
            case.findings = data["reason"].strip()
            case.outcome, case.concluded_on, case.replied_on = Outcome.TRANSFERRED, on, on
            case.replied_in_time = True

        def decide(case, data, *, on, by):
            case.outcome, case.penalty_kind = data["outcome"], data.get("penalty_kind") or ""
            if case.outcome == Outcome.PENALTY and not case.penalty_kind:
                raise StepError(_("Name the kind of penalty."), field="penalty_kind")
            case.findings = data["findings"].strip()
            case.concluded_on = on

        def reply(case, data, *, on, by):
            case.replied_on = on
            case.replied_in_time = self._in_time(case, R, on)

        basis_a, basis_h, basis_r = self.acceptance.basis, self.handling.basis, self.reply.basis
        since = (("received_on", gettext_lazy("the receipt of the complaint")),)
        T = Transition
        return Workflow(states=S, model=self.model, event_prefix=f"{self.line}.complaint", issue=self._issue,
                        url_name=self.url_name, transitions=[
            T("request_materials", gettext_lazy("Ask the complainant for materials"), (S.RECEIVED,), S.MATERIALS, P,
              basis_a + "；补充材料期间审核时限中止计算",
              clocks=(Pause(A, reason="投诉人补充材料", note=gettext_lazy("while the complainant supplies materials")),),
              form=MaterialsForm, effect=request_materials, event="materials_requested", not_before=since),
            T("receive_materials", gettext_lazy("Record the materials received"), (S.MATERIALS,), S.RECEIVED, P,
              basis_a, clocks=(Resume(A),), event="materials_received", not_before=since),
            T("accept", gettext_lazy("Accept the complaint"), (S.RECEIVED,), S.ACCEPTED, P, basis_a,
              clocks=(Meet(A), Start(H)), effect=accept, document="acceptance_notice", event="accepted",
              not_before=since),
            T("not_accept", gettext_lazy("Do not accept the complaint"), (S.RECEIVED, S.MATERIALS), S.NOT_ACCEPTED,
              P, basis_a + "；不予受理的，书面告知投诉人并说明理由",
              clocks=(Close(A, reason="不予受理"),), form=NotAcceptedForm, effect=not_accept,
              document="refusal_notice", closes=True, event="not_accepted", not_before=since),
            T("transfer", gettext_lazy("Transfer the complaint"), (S.RECEIVED, S.ACCEPTED), S.TRANSFERRED, P,
              "属于其他机关或者行业协会处理的，移送有权处理的机关或者协会，并告知投诉人",
              clocks=(Close(A, H, reason="移送处理"),), form=TransferForm, effect=transfer, closes=True,
              event="transferred", not_before=since),
            T("extend", gettext_lazy("Extend the handling period (approved)"), (S.ACCEPTED,), None, P,
              self.handling.extension_basis or basis_h, clocks=(Extend(H),), form=ExtendForm, event="extended"),
            T("decide", gettext_lazy("Record the outcome of the investigation"), (S.ACCEPTED,), S.DECIDED, P,
              basis_h, clocks=(Meet(H), Start(R)), form=DecideForm, effect=decide, event="decided",
              not_before=(("accepted_on", gettext_lazy("the acceptance")),)),
            T("reply", gettext_lazy("Send the written reply"), (S.DECIDED,), S.CLOSED, P, basis_r,
              clocks=(Meet(R),), effect=reply, document="reply", closes=True, event="replied",
              not_before=(("concluded_on", gettext_lazy("the decision on the complaint")),)),
        ])

    def run(self, case, name: str, *, by, on: date | None = None, data: dict | None = None,
            expected_version: int | None = None):
        return self.workflow.run(case, name, by=by, on=on, data=data, expected_version=expected_version)

    # --- documents ------------------------------------------------------------------------------------------

    def issued(self, case) -> list[tuple[str, str, str]]:
        return [(kind, TITLES[kind], getattr(case, attr)) for kind, attr in NUMBER_FIELDS.items()
                if getattr(case, attr)]

    def document_for(self, case, kind: str) -> OfficialDocument:
        if kind not in {k for k, _t, _n in self.issued(case)}:
            raise DocumentNotIssued(kind)
        bureau = bureau_of(case.unit)
        received = f"你于{chinese_date(case.received_on)}反映的对{case.respondent_label()}的投诉（{case.number}）"
        if kind == "acceptance_notice":
            body = [p(f"{received}，本局已收悉。"),
                    p(f"经审查，该投诉符合受理条件，本局决定予以受理，并将依照{self.law or '有关规定'}进行调查处理。"),
                    p("调查处理期间，请你如实提供有关证据材料，配合调查。处理结果将书面答复你。")]
            on = case.accepted_on
        elif kind == "refusal_notice":
            body = [p(f"{received}，本局已收悉。"), p(f"经审查，{case.not_accepted_reason}"),
                    p(f"依照{self.law or '有关规定'}，本局决定不予受理。")]
            on = case.concluded_on
        else:
            kind_text = Outcome(case.outcome).label
            if case.penalty_kind:
                kind_text = f"{kind_text}（{PenaltyKind(case.penalty_kind).label}）"
            body = [p(f"{received}，本局已于{chinese_date(case.accepted_on)}受理。"),
                    p(f"经调查，{case.findings}"), p(f"处理结果：{kind_text}。"),
                    p("如对本处理结果不服，可以依法申请行政复议或者提起行政诉讼。")]
            on = case.replied_on
        return OfficialDocument(title=TITLES[kind], number=getattr(case, NUMBER_FIELDS[kind]),
                                addressee=f"{case.complainant}：", body=body, signature=bureau.name, date=on,
                                unit=case.unit)

    def render(self, case, kind: str) -> bytes:
        return render_docx(self.document_for(case, kind))

    # --- figures --------------------------------------------------------------------------------------------

    def metrics(self, *, model: str, basis: str = "") -> tuple[list, list]:
        """The complaint figures of the line (`<line>.complaints`, …): counts by the day of receipt, so that a
        rate reads "of the complaints received in the period, so many concluded (answered) by now"."""
        k = self.line
        m = dict(model=model, basis=basis)
        counts = [
            Count(f"{k}.complaints", gettext_lazy("Complaints received"), date_field="received_on",
                  definition=gettext_lazy("Complaints received in the period, on every channel."), **m),
            Count(f"{k}.complaints_accepted", gettext_lazy("Complaints accepted"), date_field="accepted_on",
                  definition=gettext_lazy("Complaints accepted in the period."), **m),
            Count(f"{k}.complaints_concluded", gettext_lazy("Complaints received and concluded"),
                  date_field="received_on", q=Q(concluded_on__isnull=False),
                  definition=gettext_lazy("Complaints received in the period that have been concluded (not "
                                          "accepted, transferred or decided)."), **m),
            Count(f"{k}.complaints_answered", gettext_lazy("Complaints received and answered"),
                  date_field="received_on", q=Q(replied_on__isnull=False),
                  definition=gettext_lazy("Complaints received in the period whose complainant has had the "
                                          "written reply."), **m),
            Count(f"{k}.complaints_answered_in_time", gettext_lazy("Complaints answered within the time limit"),
                  date_field="received_on", q=Q(replied_in_time=True),
                  definition=gettext_lazy("Complaints received in the period answered within the time limit."), **m),
        ]
        by_outcome = [Count(f"{k}.complaints_{o.value}", o.label, date_field="received_on", q=Q(outcome=o.value),
                            definition=gettext_lazy("Complaints received in the period with this outcome."), **m)
                      for o in Outcome]
        counts += by_outcome
        counts.append(Count(f"{k}.penalties", gettext_lazy("Administrative penalties"), date_field="concluded_on",
                            q=Q(outcome=Outcome.PENALTY),
                            definition=gettext_lazy("Complaints decided with an administrative penalty in the "
                                                    "period."), **m))
        rates = [Rate(f"{k}.complaints_concluded_rate", gettext_lazy("Complaints concluded rate"),
                      gettext_lazy("Concluded ÷ received, in per cent."), numerator=f"{k}.complaints_concluded",
                      denominator=f"{k}.complaints", decimals=0),
                 Rate(f"{k}.complaints_answered_rate", gettext_lazy("Complaints answered rate"),
                      gettext_lazy("Answered ÷ received, in per cent."), numerator=f"{k}.complaints_answered",
                      denominator=f"{k}.complaints", decimals=0)]
        equations = [Equation(gettext_lazy("concluded = the sum over outcomes"), f"{k}.complaints_concluded",
                              tuple(c.key for c in by_outcome))]
        return counts + rates, equations


def bureau_of(unit):
    """The justice bureau a unit belongs to (itself, or its nearest ancestor of that kind)."""
    from .models import UnitKind

    u = unit
    while u is not None and u.kind != UnitKind.JUSTICE_BUREAU:
        u = u.parent
    return u or unit
