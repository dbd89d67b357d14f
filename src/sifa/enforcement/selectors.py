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
    Officer,
    Rectification,
    State,
)
from .services import holders_to_cancel

SORTS = Sorts({"-received": ("-received_on", "-pk"), "received": ("received_on", "pk")}, default="-received")
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


def work_for(user) -> list[WorkItem]:
    if not user.has_perm("enforcement.view_certificateapplication"):
        return []
    items = [WorkItem(line="enforcement", title=f"{c.number} {c.officer.person.name}",
                      url=reverse("enforcement:detail", args=[c.pk]), state=c.get_state_display(), due=c.next_due)
             for c in open_applications(user=user)[:10]]
    items += [WorkItem(line="enforcement", title=str(r), url=r.get_absolute_url(), state=str(_("Rectification")), due=r.due)
              for r in rectification_list(user=user, open_only=True).order_by("due")[:5]]
    return items
