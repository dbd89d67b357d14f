"""Generic pages of any line's case: correcting its registration (更正) and its appointments.

The case is named in the URL by its model ("reconsideration.application") and key. Each page needs the model's
`change_<model>` permission (403 without it) and the case in the user's units (404 otherwise: the model's
scoped manager, `visible_to`). Thin: the services in `core.corrections` and `core.appointments` write.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import appointments, corrections
from .cases import Case
from .locking import ConflictError

REASON_REQUIRED = gettext_lazy("Give the reason for the correction.")


def _model(app_label: str, model_name: str):
    """A line's case model (a subclass of core.cases.Case): no other record has these pages."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not issubclass(model, Case):
        raise Http404
    return model


def case_in_scope(request, app_label: str, model_name: str, pk: int):
    """The case, if the user holds change_<model> (else 403) and it lies in their units (else 404)."""
    model = _model(app_label, model_name)
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    manager = model._default_manager
    if not hasattr(manager, "visible_to"):
        raise Http404
    case = manager.visible_to(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _back(case) -> str:
    return case.get_absolute_url() if hasattr(case, "get_absolute_url") else reverse("home")


def _apply_errors(form, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field where the form has it, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- correction -------------------------------------------------------------------------------------------------

class CorrectionFormMixin(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": REASON_REQUIRED})
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class CorrectionForm(CorrectionFormMixin, forms.ModelForm):
    """The declared fields of the case model (added by `correction_form_class`), a reason and the version."""


def correction_form_class(declared: corrections.Correctable):
    return modelform_factory(declared.model, form=CorrectionForm, fields=declared.fields)


@login_required
def case_correct(request, app_label: str, model_name: str, pk: int):
    """更正登记信息: the correctable fields of the case, their current values, a reason; POST corrects."""
    case = case_in_scope(request, app_label, model_name, pk)
    declared = corrections.declaration(case)
    if declared is None:
        raise Http404
    form_class = correction_form_class(declared)
    locks = {name: declared.lock_reason(case, name) for name in declared.fields}
    if request.method == "POST":
        form = form_class(request.POST, instance=type(case)._default_manager.get(pk=case.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in declared.fields}
            try:
                corrections.correct(case, changes, reason=form.cleaned_data["reason"], by=request.user,
                                    expected_version=form.cleaned_data["version"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The registration was corrected."))
                return redirect(_back(case))
    else:
        form = form_class(instance=case, initial={"version": case.version})
    for name, lock in locks.items():
        if lock and name in form.fields:
            form.fields[name].disabled = True
            form.fields[name].help_text = lock
    return render(request, "core/case_correct.html", {"case": case, "form": form, "back": _back(case),
                                                      "noun": case._meta.verbose_name})


# --- appointments -----------------------------------------------------------------------------------------------

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"})


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"))
    at = forms.DateTimeField(label=gettext_lazy("Time"), widget=_DATETIME,
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    participants = forms.CharField(label=gettext_lazy("Participants"), required=False, max_length=1000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    notice_waived_reason = forms.CharField(
        label=gettext_lazy("Why the notice period is not kept"), required=False, max_length=500,
        help_text=gettext_lazy("Only when the appointment is sooner than the law's notice period allows."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in appointments.kinds().values()]


class RescheduleForm(forms.Form):
    at = forms.DateTimeField(label=gettext_lazy("New time"), widget=_DATETIME,
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    notice_waived_reason = forms.CharField(label=gettext_lazy("Why the notice period is not kept"), required=False,
                                           max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class HeldForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=_DATE)
    outcome = forms.CharField(label=gettext_lazy("Outcome"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


ACTIONS = {  # action → (form, service call, title)
    "reschedule": (RescheduleForm, lambda a, d, by: appointments.reschedule(
        a, at=d["at"], reason=d["reason"], by=by, expected_version=d["version"],
        notice_waived_reason=d["notice_waived_reason"]), gettext_lazy("Move the appointment")),
    "cancel": (CancelForm, lambda a, d, by: appointments.cancel(
        a, reason=d["reason"], by=by, expected_version=d["version"]), gettext_lazy("Cancel the appointment")),
    "held": (HeldForm, lambda a, d, by: appointments.record_held(
        a, held_on=d["held_on"], outcome=d["outcome"], by=by, expected_version=d["version"]),
        gettext_lazy("Record the appointment as held")),
}


def _context(request, case, **extra) -> dict:
    return {"case": case, "back": _back(case), "noun": case._meta.verbose_name,
            "appointments": appointments.for_case(case), "can_change": True,
            "case_type": (case._meta.app_label, case._meta.model_name), **extra}


@login_required
def case_appointments(request, app_label: str, model_name: str, pk: int):
    """A case's appointments, with a form to schedule one (POST schedules)."""
    case = case_in_scope(request, app_label, model_name, pk)
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                appointments.schedule(case, kind=d["kind"], at=d["at"], place=d["place"], by=request.user,
                                      participants=d["participants"], notes=d["notes"],
                                      notice_waived_reason=d["notice_waived_reason"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The appointment was scheduled."))
                return redirect(request.path)
    else:
        form = ScheduleForm()
    return render(request, "core/case_appointments.html", _context(request, case, form=form))


@login_required
def appointment_action(request, app_label: str, model_name: str, pk: int, appointment_pk: int, action: str):
    """Move, cancel or record as held one appointment of the case."""
    case = case_in_scope(request, app_label, model_name, pk)
    if action not in ACTIONS:
        raise Http404
    appt = appointments.for_case(case).filter(pk=appointment_pk).first()
    if appt is None:
        raise Http404
    form_class, run, title = ACTIONS[action]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                run(appt, form.cleaned_data, request.user)
            except ValidationError as exc:
                _apply_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("core:case_appointments", app_label=app_label, model_name=model_name, pk=case.pk)
    else:
        initial = {"version": appt.version}
        if action == "reschedule":
            initial["at"] = appt.scheduled_at
        form = form_class(initial=initial)
    return render(request, "core/appointment_action.html",
                  _context(request, case, form=form, appointment=appt, title=title, action=action))

