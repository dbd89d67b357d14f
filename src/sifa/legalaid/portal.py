"""The citizen's online application for legal aid (法律援助法 第三十八条; 一网通办) and its progress, as the line's
online service (`core.lines.OnlineService`): the portal at /apply/?service=legalaid shows the form, the receipt and
the progress page, and calls what is here to register and to find an application. The application goes to the
district's legal-aid centre (`legalaid.district.CENTRE`) and its review period of seven days starts that day
(第四十三条)."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import crypto
from sifa.core.lines import OnlineService
from sifa.core.workflow import StepError

from . import district, documents, services
from .forms import OnlineApplicationForm
from .models import Channel, LegalAidCase, State


def register(form: OnlineApplicationForm, request) -> LegalAidCase:
    centre = district.centre()
    if centre is None:
        raise ValidationError(_("Online applications for legal aid cannot be received at present: the district "
                                "has not named its legal-aid centre. Please apply at the centre."))
    d = form.cleaned_data
    try:
        return services.application_register(
            unit=centre, by=None, name=d["name"], received_on=timezone.localdate(), channel=Channel.ONLINE,
            matter_type=d["matter_type"], service_form=d["service_form"], matter=d["matter"],
            id_number=d["id_number"], phone=d["phone"], address=d.get("address", ""),
            opposing_party=d.get("opposing_party", ""), handling_organ=d.get("handling_organ", ""),
            materials=d.get("materials") or ())
    except StepError as exc:
        raise ValidationError(exc.message) from exc


def by_receipt(number: str) -> LegalAidCase | None:
    return LegalAidCase.objects.filter(receipt_number=number).first()


def lookup(receipt_number: str, phone: str) -> LegalAidCase | None:
    """The application with this receipt number, if the mobile number is the applicant's."""
    return (LegalAidCase.objects.filter(receipt_number=receipt_number,
                                        applicant__phone_hash=crypto.lookup_hash(phone.strip()))
            .select_related("law_firm").first())


# What the applicant reads: the documents addressed to them (not the notice to the firm, nor the letter to the court)
PUBLIC_DOCUMENTS = ("materials_notice", "grant_decision", "refusal_decision", "termination_decision")


# The progress page lets the applicant add materials while the case is open: the page carries a signed token of
# the case found by receipt and mobile number, valid for half an hour, so that the upload needs no second look-up
# and names no case in a URL.
UPLOAD_SALT = "legalaid.portal.materials"
UPLOAD_MAX_AGE = 30 * 60
UPLOAD_STATES = (State.RECEIVED, State.MATERIALS_REQUESTED, State.GRANTED, State.ASSIGNED)


def upload_token(case: LegalAidCase) -> str:
    return signing.dumps({"case": case.pk, "receipt": case.receipt_number}, salt=UPLOAD_SALT)


def case_of_token(token: str) -> LegalAidCase | None:
    """The case a progress page's token names, if the token is genuine and fresh and the case takes materials."""
    try:
        data = signing.loads(token, salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    case = LegalAidCase.objects.filter(pk=data.get("case"), receipt_number=data.get("receipt")).first()
    return case if case is not None and case.state in UPLOAD_STATES else None


def progress_context(case: LegalAidCase) -> dict:
    from .forms import PortalMaterialsForm

    takes_materials = case.state in UPLOAD_STATES
    return {
        "documents": [(title, number) for kind, title, number in documents.issued(case) if kind in PUBLIC_DOCUMENTS],
        "materials_open": case.state == State.MATERIALS_REQUESTED,
        # what was sent online, by name only: the files themselves are never served to the portal
        "materials": list(case.materials.filter(from_applicant=True).values_list("name", "uploaded_at")),
        "upload_form": PortalMaterialsForm(initial={"token": upload_token(case)}) if takes_materials else None,
    }


SERVICE = OnlineService(
    key="legalaid", title=_("Apply for legal aid online"), form=OnlineApplicationForm, register=register,
    by_receipt=by_receipt, lookup=lookup, progress_context=progress_context,
    intro_template="legalaid/portal/apply.html", progress_template="legalaid/portal/progress.html")
