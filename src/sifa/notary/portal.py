"""The citizen's online application to the notary office ("一次都不跑" / "最多跑一次") and its progress, as the line's
online service (`core.lines.OnlineService`): the portal at /apply/?service=notary shows the form, the receipt and
the progress page, and calls what is here to register and to find an application."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import clocks as core_clocks
from sifa.core import crypto
from sifa.core.lines import OnlineService
from sifa.core.workflow import StepError

from . import clocks, district, services
from .forms import OnlineApplicationForm
from .models import Notarisation


def register(form: OnlineApplicationForm, request) -> Notarisation:
    """Record the application at the district's notary office (`notary.district.OFFICE`), to be accepted."""
    office = district.office()
    if office is None:
        raise ValidationError(_("Online applications cannot be received at present: the district has not named "
                                "its notary office. Please apply at the office."))
    d = form.cleaned_data
    try:
        return services.application_register(
            unit=office, by=None, name=d["name"], id_number=d["id_number"].upper(), phone=d["phone"],
            received_on=timezone.localdate(), channel=d["channel"], matter=d["matter"],
            for_use_abroad=d["for_use_abroad"], purpose=" ".join(filter(None, [d["purpose"], d["details"]]))[:200])
    except StepError as exc:
        raise ValidationError(exc.message) from None


def by_receipt(number: str) -> Notarisation | None:
    return Notarisation.objects.filter(receipt_number=number).first()


def lookup(receipt_number: str, phone: str) -> Notarisation | None:
    """The application with this receipt number, if the mobile number is the applicant's."""
    app = Notarisation.objects.filter(receipt_number=receipt_number).select_related("applicant").first()
    if app is None or app.applicant.phone_hash != crypto.lookup_hash(phone.strip()):
        return None
    return app


def progress_context(app: Notarisation) -> dict:
    d = core_clocks.current(app, clocks.ISSUE)
    return {"due": d.due if d else None}


SERVICE = OnlineService(
    key="notary", title=_("Apply for notarisation online"), form=OnlineApplicationForm, register=register,
    by_receipt=by_receipt, lookup=lookup, progress_context=progress_context,
    intro_template="notary/portal/apply.html", progress_template="notary/portal/progress.html")
