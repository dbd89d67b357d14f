"""The action API: every registered procedure table (`core.workflow.registered()`) read and driven as JSON.

For a case model named by its label ("reconsideration.application"):

- `GET /api/v1/cases/{model}`: the cases in the caller's units (`visible_to`), filtered by state, opening date
  and overdue (`core.lists`: one definition of overdue), a keyset page at a time (`core.paging`);
- `GET /api/v1/cases/{model}/{pk}`: one case and the actions the caller may take on it now (each with its label,
  legal basis and what it does to the clocks: the case page's list);
- `GET …/{pk}/history`: the case's audit events as sentences (`core.events.sentence`);
- `GET …/{pk}/clocks`: its statutory clocks, each with its due date and how it was counted;
- `POST …/{pk}/actions/{name}`: take a step. The body `{"version", "on", "data"}` is validated by the
  transition's own step form (the page's form, so both accept and refuse the same input), then the table's
  runner takes the step (one transaction, audited as the caller: a service account for a machine client).

Answers: 403 without the model's view permission (or the step's permission), 404 for a model without a table, a
case outside the caller's units or a step the table does not offer by hand; 422 for input the form refuses (every
field's messages) or a refusal of the step's own (`StepError`, with its field); 409 for a stale version
(`ConflictError`) or a step the case's state or a guard does not allow now (`TransitionNotAllowed`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from sifa.core import clocks, events
from sifa.core.audit import events_for
from sifa.core.inputs import BoundedDate
from sifa.core.lists import filter_due, with_clocks
from sifa.core.locking import ConflictError
from sifa.core.paging import keyset_page
from sifa.core.steps import StepForm
from sifa.core.workflow import (
    StepError,
    Transition,
    TransitionNotAllowed,
    Workflow,
    as_step_error,
    registered,
)

router = Router(tags=["cases"])

ACTION_PATH = "/{model}/{pk}/actions/{name}"
ModelLabel = Annotated[str, Field(max_length=100, description="the case model, e.g. reconsideration.application")]


class UnitOut(Schema):
    code: str
    name: str


class ActionOut(Schema):
    name: str
    label: str
    basis: str
    clocks: str
    path: str


class CaseRow(Schema):
    model: str
    id: int
    number: str
    state: str
    state_label: str
    unit: UnitOut
    handler: str | None
    opened_on: date
    closed_on: date | None
    version: int
    next_due: date | None
    overdue: bool


class CaseOut(CaseRow):
    actions: list[ActionOut]


class CasePage(Schema):
    rows: list[CaseRow]
    next: str | None = Field(description="pass as `after` for the next page; null on the last page")


class EventOut(Schema):
    seq: int
    at: datetime
    actor: str
    code: str
    label: str
    sentence: str


class ClockOut(Schema):
    rule: str
    label: str
    basis: str
    start: date
    due: date
    state: str
    state_label: str
    met_on: date | None
    explanation: str


class ActionIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1, description="the case's version the client read (GET …/{pk}): a "
                                                         "case changed since answers 409")
    on: BoundedDate = Field(description="the legal date of the act (not in the future); it drives the clocks")
    data: dict[str, Any] = Field(default_factory=dict,
                                 description="the step form's other fields (see the schemas ActionData_…)")


class Refusal(Schema):
    detail: str
    field: str | None = None
    errors: dict[str, list[str]] | None = None


# --- finding the case ---------------------------------------------------------------------------------------------

def _workflow(model: str) -> Workflow:
    workflow = registered().get(model)
    if workflow is None or workflow.model is None:
        raise Http404
    return workflow


def _view_permission(model) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def _scoped(request, workflow: Workflow):
    """The model's cases in the caller's units: 403 without the model's view permission (as its pages)."""
    model = workflow.model
    if not request.user.has_perm(_view_permission(model)):
        raise PermissionDenied
    manager = model._default_manager
    if not hasattr(manager, "visible_to"):  # an unscoped model is never served
        raise Http404
    return with_clocks(manager.visible_to(request.user).select_related("unit", "handler"))


def _case(request, workflow: Workflow, pk: int):
    case = _scoped(request, workflow).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _row(workflow: Workflow, case) -> dict:
    return {"model": workflow.model._meta.label_lower, "id": case.pk, "number": case.number, "state": case.state,
            "state_label": workflow.state_label(case.state),
            "unit": {"code": case.unit.code, "name": case.unit.name},
            "handler": str(case.handler) if case.handler_id else None, "opened_on": case.opened_on,
            "closed_on": case.closed_on, "version": case.version, "next_due": getattr(case, "next_due", None),
            "overdue": bool(getattr(case, "is_overdue", False))}


def _detail(request, workflow: Workflow, case) -> dict:
    label = workflow.model._meta.label_lower
    actions = [{"name": t.name, "label": str(t.label), "basis": str(t.basis), "clocks": str(t.clocks_text()),
                "path": reverse("api:case_action", kwargs={"model": label, "pk": case.pk, "name": t.name})}
               for t in workflow.available(case, request.user, on=timezone.localdate())]
    return {**_row(workflow, case), "actions": actions}


# --- reads --------------------------------------------------------------------------------------------------------

@router.get("/{model}", response={200: CasePage, 422: Refusal}, url_name="case_list")
def case_list(request, model: ModelLabel, state: Annotated[str, Field(max_length=40)] = "",
              opened_from: BoundedDate | None = None, opened_to: BoundedDate | None = None, overdue: bool = False,
              after: Annotated[str, Field(max_length=400)] = "", size: Annotated[int, Field(ge=1, le=200)] = 50):
    """The cases of a model in the caller's units, newest opened first. `overdue=true`: a running clock is past
    its due date. Page on with `after` = the `next` of the previous page."""
    workflow = _workflow(model)
    qs = _scoped(request, workflow)
    if state:
        if state not in {str(v) for v in getattr(workflow.states, "values", ())}:
            return Status(422, {"detail": _("There is no state “%(state)s”.") % {"state": state}, "field": "state"})
        qs = qs.filter(state=state)
    if opened_from:
        qs = qs.filter(opened_on__gte=opened_from)
    if opened_to:
        qs = qs.filter(opened_on__lte=opened_to)
    if overdue:
        qs = filter_due(qs, "overdue")
    page = keyset_page(qs, order=("-opened_on", "-pk"), after=after or None, size=size)
    return {"rows": [_row(workflow, c) for c in page.rows], "next": page.next_token}


@router.get("/{model}/{pk}", response=CaseOut, url_name="case_detail")
def case_detail(request, model: ModelLabel, pk: int):
    """One case, and the actions the caller may take on it now."""
    workflow = _workflow(model)
    return _detail(request, workflow, _case(request, workflow, pk))


@router.get("/{model}/{pk}/history", response=list[EventOut], url_name="case_history")
def case_history(request, model: ModelLabel, pk: int):
    """The case's events, oldest first, each as a sentence (the code too, for machines)."""
    workflow = _workflow(model)
    case = _case(request, workflow, pk)
    return [{"seq": e.seq, "at": e.at, "actor": e.actor_name, "code": e.action, "label": events.label(e.action),
             "sentence": events.sentence(e)} for e in events_for(case)]


@router.get("/{model}/{pk}/clocks", response=list[ClockOut], url_name="case_clocks")
def case_clocks(request, model: ModelLabel, pk: int):
    """The case's statutory clocks, in the order they started: due date, state and how the due date was counted."""
    workflow = _workflow(model)
    case = _case(request, workflow, pk)
    return [{"rule": d.rule, "label": d.label, "basis": d.basis, "start": d.start, "due": d.due, "state": d.state,
             "state_label": str(d.get_state_display()), "met_on": d.met_on, "explanation": clocks.explain(d)}
            for d in clocks.for_case(case).order_by("start", "pk")]


# --- the action ---------------------------------------------------------------------------------------------------

def _form_data(body: ActionIn) -> tuple[dict, dict]:
    """The body as a step form's data (values as a browser's would be read), and the errors of values no form
    field reads (an object, a list of lists)."""
    data, errors = {}, {}
    for key, value in body.data.items():
        if isinstance(value, list) and all(_scalar(v) for v in value) or _scalar(value):
            data[key] = value
        else:
            errors[key] = [_("Give a text, a number, true/false or a list of them.")]
    data["version"] = body.version
    data["on"] = body.on.isoformat()
    return data, errors


def _scalar(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _form_refusal(form: forms.Form) -> dict:
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    first = next(iter(errors))
    return {"detail": errors[first][0], "field": None if first == "__all__" else first, "errors": errors}


@router.post(ACTION_PATH, response={200: CaseOut, 403: Refusal, 404: Refusal, 409: Refusal, 422: Refusal},
             url_name="case_action")
def case_action(request, model: ModelLabel, pk: int, name: Annotated[str, Field(max_length=80)], body: ActionIn):
    """Take the step `name` of the case (see the procedure tables below for each model's steps and their `data`).
    The step's own form checks the body; the table's runner takes the step in one transaction and audits it as
    the caller. Answers the case as it is after the step."""
    workflow = _workflow(model)
    case = _case(request, workflow, pk)
    t: Transition | None = workflow.transitions.get(name)
    if t is None or not t.manual:
        raise Http404
    user = request.user
    if not user.has_perm(t.permission):
        return Status(403, {"detail": _("You may not “%(action)s”.") % {"action": t.label}})
    data, errors = _form_data(body)
    form = t.form_class(StepForm)(data, {}, case=case, user=user)
    if errors or not form.is_valid():
        for key, messages in errors.items():
            form.add_error(key if key in form.fields else None, messages)
        return Status(422, _form_refusal(form))
    cleaned = form.cleaned_data
    try:
        workflow.run(case, name, by=user, on=cleaned.get("on"), data=cleaned, expected_version=cleaned.get("version"))
    except ConflictError as exc:
        return Status(409, {"detail": exc.message})
    except TransitionNotAllowed as exc:
        return Status(409, {"detail": exc.message, "field": exc.field})
    except Exception as exc:
        error = as_step_error(exc)
        if error is None:
            raise
        field = error.field if error.field in form.fields else None
        return Status(422, {"detail": error.message, "field": field,
                            "errors": {field or "__all__": [error.message]}})
    return Status(200, _detail(request, workflow, _case(request, workflow, pk)))


assert issubclass(TransitionNotAllowed, StepError)  # caught first: a refusal of state or guard is 409, not 422


# --- the request bodies in the OpenAPI schema ---------------------------------------------------------------------

def field_schema(field: forms.Field) -> dict:
    """A form field as a JSON schema: the type a client sends, its bounds and choices, label and help."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        schema = {"type": "array", "items": {"type": "integer"}}
    elif isinstance(field, forms.ModelChoiceField):
        schema = {"type": "integer", "description": _("the key of the record")}
    elif isinstance(field, forms.MultipleChoiceField):
        schema = {"type": "array", "items": {"type": "string", "enum": _choice_values(field)}}
    elif isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": _choice_values(field)}
    elif isinstance(field, forms.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        for bound, key in ((field.min_value, "minimum"), (field.max_value, "maximum")):
            if bound is not None:
                schema[key] = bound
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, forms.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, forms.FileField):
        schema = {"type": "string", "description": _("a file: not accepted by the API (use the page)")}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
    schema["title"] = str(field.label or "")
    help_text = " ".join(s for s in (schema.get("description", ""), str(field.help_text or "")) if s)
    if help_text:
        schema["description"] = help_text
    return schema


def _choice_values(field) -> list[str]:
    out = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # a group
            out.extend(str(v) for v, _label in label)
        elif value not in ("", None):
            out.append(str(value))
    return out


def action_schema(t: Transition) -> dict:
    """The `data` of a step's body: its form's fields beyond `version` and `on` (which the body carries)."""
    form_class = t.form_class(StepForm)
    fields = {n: f for n, f in form_class.base_fields.items() if n not in ("version", "on")}
    schema = {"type": "object", "title": f"{t.name}: {t.label}",
              "properties": {n: field_schema(f) for n, f in fields.items()},
              "required": [n for n, f in fields.items() if f.required]}
    description = " ".join(s for s in (str(t.basis), str(t.clocks_text())) if s)
    if description:
        schema["description"] = description
    if not schema["required"]:
        del schema["required"]
    return schema


def component_name(model_label: str, name: str) -> str:
    return "ActionData_" + f"{model_label}_{name}".replace(".", "_")


def document(schema: dict, path_prefix: str) -> dict:
    """Add each registered table's steps to the OpenAPI schema: one component per step (its `data`), the
    action operation's body offering them, and the tables in its description."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    refs, lines = [], []
    for model_label, workflow in sorted(registered().items()):
        if workflow.model is None:
            continue
        lines += ["", f"**{model_label}** ({workflow.model._meta.verbose_name})", "",
                  "| name | label | from | data |", "|---|---|---|---|"]
        for t in workflow:
            if not t.manual:
                continue
            key = component_name(model_label, t.name)
            components[key] = action_schema(t)
            refs.append({"$ref": f"#/components/schemas/{key}"})
            sources = "、".join(workflow.state_label(s) for s in t.source)
            lines.append(f"| `{t.name}` | {t.label} | {sources} | `{key}` |")
    operation = schema.get("paths", {}).get(path_prefix + "v1/cases" + ACTION_PATH, {}).get("post")
    if operation is None:
        return schema
    operation["description"] = (operation.get("description") or "") + "\n" + "\n".join(lines)
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    target = components.get(body.get("$ref", "").rsplit("/", 1)[-1], body)
    if refs and "properties" in target and "data" in target["properties"]:
        target["properties"]["data"] = {**target["properties"]["data"], "oneOf": refs}
    return schema
