"""The citizen's online application (行政复议法 第二十二条: 通过行政复议机关指定的互联网渠道) and its progress, as the
line's online service (`core.lines.OnlineService`): the portal at /apply/ shows the form, the receipt and the
progress page, and calls what is here to register and to find an application."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import crypto
from sifa.core.lines import OnlineService

from . import district, services
from .forms import OnlineApplicationForm
from .models import Application, Channel, PartyRole, State


def register(form: OnlineApplicationForm, request) -> Application:
    """Record the application at the district's reconsideration office (`reconsideration.district`)."""
    office = district.office()
    if office is None:
        raise ValidationError(_("Online applications cannot be received at present: the district has not named "
                                "its reconsideration office. Please apply at the office."))
    d = form.cleaned_data
    app = services.application_register(
        unit=office, respondent=d["respondent"], act_description=d["act_description"],
        request=d["request"], reasons=d["reasons"], applicants=[form.party_data()], by=None,
        channel=Channel.ONLINE, act_kind=d["act_kind"].code, act_number=d["act_number"], act_date=d["act_date"],
        known_on=d["known_on"])
    for f in d["attachments"]:
        services.attachment_add(application=app, file=f, by=None)
    return app


def by_receipt(number: str) -> Application | None:
    return Application.objects.filter(receipt_number=number).first()


def lookup(receipt_number: str, phone: str) -> Application | None:
    """The application with this receipt number, if the mobile number is an applicant's."""
    app = (Application.objects.filter(receipt_number=receipt_number).select_related("respondent")
           .prefetch_related("documents", "corrections", "hearings").first())
    if app is None:
        return None
    wanted = crypto.lookup_hash(phone.strip())
    if not app.parties.filter(role=PartyRole.APPLICANT, party__phone_hash=wanted).exists():
        return None
    return app


# What an applicant sees of the documents issued to them.
PUBLIC_DOCUMENTS = ("correction_notice", "acceptance_notice", "non_acceptance", "hearing_notice",
                    "suspension_notice", "resumption_notice", "termination", "mediation", "decision")


def progress_context(app: Application) -> dict:
    return {
        "documents": [d for d in app.documents.all() if d.kind in PUBLIC_DOCUMENTS],
        "corrections": list(app.corrections.all()) if app.state == State.CORRECTION_REQUESTED else [],
        "hearings": upcoming_hearings(app),
    }


def upcoming_hearings(app: Application) -> list:
    """The hearings an applicant should still come to: scheduled, not past, and the case not decided (a hearing
    left "scheduled" on a case decided since is not shown as still to come)."""
    if app.concluded_on or app.served_on or app.closed_on:
        return []
    today = timezone.localdate()
    return [h for h in app.hearings.all()
            if h.kind == "hearing" and h.state == "scheduled" and h.scheduled_for >= today]


SERVICE = OnlineService(
    key="reconsideration", title=_("Apply for administrative reconsideration online"), form=OnlineApplicationForm,
    register=register, by_receipt=by_receipt, lookup=lookup, progress_context=progress_context,
    intro_template="reconsideration/portal/apply.html", progress_template="reconsideration/portal/progress.html",
    stylesheets=("reconsideration/forms.css",))
