"""调查评估: the pre-sentence (or pre-release) assessment a deciding organ commissions from the correction agency
(社区矫正法 第十八条), as a case of its own: registered from the letter of commission, its time limit a statutory clock
(clocks.ASSESSMENT, ten working days; five in the fast-track procedure), answered by the assessment opinion (适宜 or
不适宜社区矫正) or ended by the organ's withdrawal."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sifa.core import audit, numbering
from sifa.core import clocks as core_clocks
from sifa.core.models import Party, Unit, UnitKind
from sifa.core.services import party_save
from sifa.core.workflow import Close, Meet, StepError, Transition, Workflow

from . import clocks, forms
from .models import Assessment, AssessmentState
from .workflow import NUMBER_FORMATS, SUPERVISE

SERIES = "correction.assessment"


def rule_key(expedited: bool) -> str:
    return clocks.ASSESSMENT_FAST if expedited else clocks.ASSESSMENT


@transaction.atomic
def register(*, unit: Unit, by, name: str, id_number: str, commissioning_organ: str, commissioning_body: str,
             commission_number: str, offence: str, proposed_kind: str, received_on: date,
             expedited: bool = False) -> Assessment:
    """Register a letter of commission: the assessment's clock runs from the day it was received."""
    if unit is None or unit.kind != UnitKind.JUSTICE_OFFICE:
        raise StepError(_("An assessment is carried out by a justice office."), field="unit")
    if received_on > timezone.localdate():
        raise StepError(_("This date is in the future."), field="received_on")
    number = commission_number.strip()
    if Assessment.objects.filter(commission_number=number, commissioning_body=commissioning_body.strip()).exists():
        raise StepError(_("This letter of commission is registered already."), field="commission_number")
    person = party_save(party=Party(name=name.strip(), unit=unit), by=by, id_number=id_number or None)
    rule = rule_key(expedited)
    due = core_clocks.compute_due(rule=core_clocks.rule_for(rule, received_on), start=received_on)
    a = Assessment(unit=unit, state=AssessmentState.PENDING, handler=by if getattr(by, "pk", None) else None,
                   opened_on=received_on, subject=person, commissioning_organ=commissioning_organ,
                   commissioning_body=commissioning_body.strip(), commission_number=number, offence=offence.strip(),
                   proposed_kind=proposed_kind, received_on=received_on, expedited=expedited, due_on=due,
                   number=numbering.take(kind=SERIES, unit=unit, year=received_on.year,
                                         default_format=NUMBER_FORMATS["assessment"]))
    a.full_clean(exclude=["handler"])
    a.save()
    d = core_clocks.start(a, rule=rule, start=received_on, by=by)
    if d.due != a.due_on:  # the district set its own length
        a.due_on = d.due
        a.save(update_fields=["due_on"])
    audit.record(by, "correction.assessment.registered", a, summary=a.number,
                 payload={"organ": commissioning_organ, "received_on": received_on, "expedited": expedited})
    return a


def _submit(case, data, *, on, by):
    case.submitted_on, case.opinion, case.findings = on, data["opinion"], data["findings"].strip()


def _rule(case):
    return rule_key(case.expedited)


S = AssessmentState
WORKFLOW = Workflow(states=S, model=Assessment, event_prefix="correction.assessment",
                    url_name="correction:assessment_action", transitions=[
    Transition("submit", gettext_lazy("Submit the assessment opinion"), (S.PENDING,), S.SUBMITTED, SUPERVISE,
               "《社区矫正法》第十八条：对被告人或者罪犯的社会危险性和对所居住社区的影响，进行调查评估，提出意见，供决定社区矫正时参考",
               clocks=(Meet(_rule),), form=forms.OpinionForm, effect=_submit, closes=True, event="submitted",
               not_before=(("received_on", gettext_lazy("the receipt of the commission")),)),
    Transition("withdraw", gettext_lazy("Record the withdrawal of the commission"), (S.PENDING,), S.WITHDRAWN,
               SUPERVISE, "委托机关撤回调查评估委托", clocks=(Close(reason="委托撤回"),), form=forms.WithdrawForm,
               closes=True, event="withdrawn",
               not_before=(("received_on", gettext_lazy("the receipt of the commission")),)),
])
