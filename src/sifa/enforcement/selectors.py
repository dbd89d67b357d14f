"""The reads of enforcement supervision: lists scoped to what the user may see, with filters, sort and the kit's
time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from sifa.core.lists import Sorts, filter_due, with_clocks
from sifa.core.navigation import WorkItem

from .models import (
    AdviserWorkItem,
    AgreementReview,
    CertificateApplication,
    EvaluationCampaign,
    FilingState,
    LegalityReview,
    NormativeFiling,
    Officer,
    Rectification,
    State,
)
from .services import holders_to_cancel

SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"), "number": ("number", "pk"),
               "-number": ("-number", "-pk"), "decided": ("decided_on", "pk"), "-decided": ("-decided_on", "-pk")},
              default="-received")
OFFICER_SORTS = Sorts({"agency": ("agency__sort", "person__name", "pk"), "name": ("person__name", "pk"),
                       "-issued": ("-issued_on", "-pk")}, default="agency")


@dataclass
class ApplicationFilter:
    q: str = ""
    kind: str = ""
    state: str = ""
    agency_id: int | None = None
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None


def application_list(*, user, filters: ApplicationFilter | None = None) -> QuerySet[CertificateApplication]:
    f = filters or ApplicationFilter()
    qs = CertificateApplication.objects.visible_to(user).select_related("agency", "officer__person")
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(officer__person__name__icontains=f.q)
                       | Q(certificate_number__icontains=f.q))
    for name in ("kind", "state", "agency_id"):
        if getattr(f, name):
            qs = qs.filter(**{name: getattr(f, name)})
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    return filter_due(with_clocks(qs), f.due)


def open_applications(*, user) -> QuerySet[CertificateApplication]:
    return with_clocks(CertificateApplication.objects.visible_to(user).filter(state=State.RECEIVED)
                       .select_related("agency", "officer__person")).order_by("-is_overdue", "next_due", "pk")


@dataclass
class OfficerFilter:
    q: str = ""
    agency_id: int | None = None
    status: str = ""
    review: bool = False


def officer_list(*, user, filters: OfficerFilter | None = None) -> QuerySet[Officer]:
    """The register of holders, searchable by name and certificate number; `review`: the annual review's list
    of holders to cancel."""
    f = filters or OfficerFilter()
    qs = Officer.objects.visible_to(user).select_related("agency", "person")
    if f.q:
        qs = qs.filter(Q(person__name__icontains=f.q) | Q(certificate_number__icontains=f.q))
    if f.agency_id:
        qs = qs.filter(agency_id=f.agency_id)
    if f.status:
        qs = qs.filter(certificate_status=f.status)
    if f.review:
        qs = holders_to_cancel(qs)
    return qs


def campaign_list(*, user) -> QuerySet[EvaluationCampaign]:
    return EvaluationCampaign.objects.visible_to(user)


def rectification_list(*, user, open_only: bool = False) -> QuerySet[Rectification]:
    qs = with_clocks(Rectification.objects.visible_to(user).select_related("agency", "campaign"))
    return qs.filter(closed_on__isnull=True) if open_only else qs


def work_item_list(*, user, q: str = "", kind: str = "", open_only: bool = False) -> QuerySet[AdviserWorkItem]:
    qs = AdviserWorkItem.objects.visible_to(user).select_related("requested_by")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(adviser__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if open_only:
        qs = qs.filter(delivered_on__isnull=True)
    return qs


def agreement_list(*, user, q: str = "", open_only: bool = False) -> QuerySet[AgreementReview]:
    qs = with_clocks(AgreementReview.objects.visible_to(user).select_related("submitted_by"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(counterparty__icontains=q))
    if open_only:
        qs = qs.filter(reviewed_on__isnull=True)
    return qs


LEGALITY_SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk"),
                       "due": ("due", "pk")}, default="-received")
FILING_SORTS = Sorts({"-filed": ("-filed_on", "-pk"), "filed": ("filed_on", "pk"),
                      "published": ("-published_on", "-pk")}, default="-filed")


def legality_list(*, user, q: str = "", subject: str = "", conclusion: str = "", open_only: bool = False,
                  submitted_by_id: int | None = None) -> QuerySet[LegalityReview]:
    qs = with_clocks(LegalityReview.objects.visible_to(user).select_related("submitted_by"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(opinion_number__icontains=q))
    if subject:
        qs = qs.filter(subject=subject)
    if conclusion:
        qs = qs.filter(conclusion=conclusion)
    if submitted_by_id:
        qs = qs.filter(submitted_by_id=submitted_by_id)
    if open_only:
        qs = qs.filter(reviewed_on__isnull=True)
    return qs


def filing_list(*, user, q: str = "", state: str = "", outcome: str = "", issued_by_id: int | None = None,
                late_only: bool = False, filed_from: date | None = None, filed_to: date | None = None
                ) -> QuerySet[NormativeFiling]:
    qs = with_clocks(NormativeFiling.objects.visible_to(user).select_related("issued_by"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(document_number__icontains=q))
    if state:
        qs = qs.filter(state=state)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if issued_by_id:
        qs = qs.filter(issued_by_id=issued_by_id)
    if late_only:
        qs = qs.filter(filed_in_time=False)
    if filed_from:
        qs = qs.filter(filed_on__gte=filed_from)
    if filed_to:
        qs = qs.filter(filed_on__lte=filed_to)
    return qs


def catalogue(*, user, start: date, end: date) -> QuerySet[NormativeFiling]:
    """The documents filed in a period (the quarterly catalogue), in the order filed."""
    return (NormativeFiling.objects.visible_to(user).select_related("issued_by")
            .filter(filed_on__gte=start, filed_on__lte=end).order_by("filed_on", "pk"))


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("enforcement.view_certificateapplication"):
        return []
    items = [WorkItem(line="enforcement", title=f"{c.number} {c.officer.person.name}",
                      url=reverse("enforcement:detail", args=[c.pk]), state=c.get_state_display(), due=c.next_due)
             for c in open_applications(user=user)[:10]]
    items += [WorkItem(line="enforcement", title=str(r), url=r.get_absolute_url(), state=str(_("Rectification")), due=r.due)
              for r in rectification_list(user=user, open_only=True).order_by("due")[:5]]
    if user.has_perm("enforcement.view_legalityreview"):
        items += [WorkItem(line="enforcement", title=r.title, url=r.get_absolute_url(),
                           state=str(_("Legality review")), due=r.due)
                  for r in legality_list(user=user, open_only=True).order_by("due")[:5]]
    if user.has_perm("enforcement.view_normativefiling"):
        items += [WorkItem(line="enforcement", title=str(f), url=f.get_absolute_url(), state=f.get_state_display(),
                           due=getattr(f, "next_due", None))
                  for f in filing_list(user=user).exclude(state=FilingState.CLOSED).order_by("filed_on")[:5]]
    return items
