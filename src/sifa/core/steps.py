"""The line kit's pages: one step form, one fetch-in-scope, one mapping of errors onto a form, one action page.

A line's case page lists `workflow.available(case, user)` (the `core/_actions.html` fragment: each action with
its legal basis and the clocks it moves); each action's page is `step_view`, driven by the line's table: the
transition's form (a `StepForm`, which carries the legal date `on` and the `version` the user saw), its legal
basis, what it does to the clocks, and — on GET — why the case cannot take it now. On POST the table's runner
takes the step; a refusal lands on the field it concerns, a conflict on the whole form, and the user's input is
kept.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from .forms import DateInput
from .locking import ConflictError
from .workflow import StepError, Workflow, as_step_error


def fetch_in_scope(queryset_or_model, user, pk):
    """The record `pk` among those the user may see (`visible_to(user)`), or 404: a record out of the user's
    scope is as absent as one that does not exist."""
    qs = queryset_or_model
    if not hasattr(qs, "filter"):
        qs = qs.objects
    if hasattr(qs, "visible_to"):
        qs = qs.visible_to(user)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def add_error(form: forms.Form, exc: Exception) -> bool:
    """Put a service's refusal on the form: a StepError (or a kernel error it stands for) on the field it names
    when the form has that field, a conflict or anything else on the whole form. False if `exc` is not a
    refusal a user can act on (the caller re-raises it)."""
    if isinstance(exc, ConflictError):
        form.add_error(None, exc.message)
        return True
    error = as_step_error(exc)
    if error is None:
        return False
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return True
    form.add_error(error.field if error.field in form.fields else None, error.message)
    return True


class StepForm(forms.Form):
    """The form of a step: the legal date of the act (`on`, not in the future) and the version the user saw.
    A line's step form subclasses it; `self.case` and `self.user` are there for its querysets and checks."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    on = forms.DateField(label=gettext_lazy("Date of the act"), widget=DateInput(),
                         help_text=gettext_lazy("The legal date (the day the notice was sent, the decision signed); it "
                                                "drives the time limits."))

    def __init__(self, *args, case, user, **kwargs):
        self.case, self.user = case, user
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", case.version)
        kwargs["initial"].setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return value


def _label_the_date(form: forms.Form, t) -> None:
    """Each step's date says whose date it is (受理日期, 送达日期), not a generic "date of the act" a worker
    could read as the date of the administrative act under review; a line's form that labels it keeps its own."""
    field = form.fields.get("on")
    if field is not None and field.label == StepForm.base_fields["on"].label:
        field.label = t.date_label or pgettext("step date", "%(action)s: date") % {"action": t.label}


def step_view(request, case, workflow: Workflow, name: str, *, template: str = "core/step.html",
              context: dict | None = None, form_kwargs: dict | None = None):
    """The page of one action of a case: GET shows its form, legal basis, clock effects and any reason it
    cannot be taken now; POST takes it through the table's runner."""
    t = workflow.transitions.get(name)
    if t is None or not t.manual:
        raise Http404
    form_class = t.form_class(StepForm)
    form = form_class(request.POST or None, request.FILES or None, case=case, user=request.user,
                      **(form_kwargs or {}))
    _label_the_date(form, t)
    refused = ""
    if request.method != "POST":
        try:
            workflow.check(case, name, request.user, on=timezone.localdate())
        except StepError as exc:
            refused = exc.message
    elif form.is_valid():
        data = form.cleaned_data
        try:
            workflow.run(case, name, by=request.user, on=data.get("on"), data=data,
                         expected_version=data.get("version"))
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": t.label})
            return redirect(case)
    return render(request, template, {
        "form": form, "case": case, "transition": t, "title": t.label, "basis": t.basis,
        "clocks": t.clocks_text(), "refused": refused,
        "multipart": any(isinstance(f, forms.FileField) for f in form.fields.values()), **(context or {})})


def register_view(request, form, create, *, success, tabs: str, title, back: str,
                  template: str = "core/line_form.html"):
    """A registration page (a complaint, a licensing matter, a proposal): on a valid POST, `create(cleaned_data)`
    through the line's service; a refusal lands on its field and the input is kept; success says `success(obj)`
    and goes to the new record's page."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except Exception as exc:
            if not add_error(form, exc):
                raise
        else:
            messages.success(request, success(obj))
            return redirect(obj)
    return render(request, template, {"form": form, "title": title, "back": back, "tabs": tabs})
