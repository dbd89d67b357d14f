"""The reads of administrative reconsideration, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from sifa.core import metrics as core_metrics
from sifa.core.lists import Sorts, filter_due
from sifa.core.models import Unit
from sifa.core.navigation import WorkItem

from .models import (
    OPEN_STATES,
    Application,
    Attachment,
    CaseParty,
    CommitteeMeeting,
    CommitteeReview,
    Hearing,
)

SORTS = Sorts({
    "received": ("received_on", "pk"),
    "-received": ("-received_on", "-pk"),
    "concluded": ("concluded_on", "pk"),
    "-concluded": ("-concluded_on", "-pk"),
    "number": ("number", "pk"),
    "-number": ("-number", "-pk"),
}, default="-received")


@dataclass
class ApplicationFilter:
    state: str = ""
    respondent: Unit | None = None
    act_kind: str = ""
    subject_area: int | None = None
    handler: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    concluded_from: date | None = None
    concluded_to: date | None = None
    overdue: bool = False
    q: str = ""


def application_list(*, user, filters: ApplicationFilter | None = None) -> QuerySet[Application]:
    f = filters or ApplicationFilter()
    qs = Application.objects.visible_to(user).select_related("respondent", "handler", "subject_area", "unit", "act_kind")
    if f.state:
        qs = qs.filter(state=f.state)
    if f.respondent is not None:
        qs = qs.filter(respondent__path__startswith=f.respondent.path)
    if f.act_kind:
        qs = qs.filter(act_kind_id=f.act_kind)
    if f.subject_area:
        qs = qs.filter(subject_area_id=f.subject_area)
    if f.handler:
        qs = qs.filter(handler_id=f.handler)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.concluded_from:
        qs = qs.filter(concluded_on__gte=f.concluded_from)
    if f.concluded_to:
        qs = qs.filter(concluded_on__lte=f.concluded_to)
    if f.overdue:
        qs = filter_due(qs, "overdue")  # core.lists: a running clock due before today
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(act_description__icontains=f.q) | Q(receipt_number=f.q.upper())
                       | Q(parties__party__name__icontains=f.q)).distinct()
    return qs


def with_applicants(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.prefetch_related(Prefetch("parties", queryset=CaseParty.objects.select_related("party")))


def applications_for_metric(*, user, key: str, start: date, end: date, unit: Unit | None) -> QuerySet[Application]:
    """The cases behind a figure (core.metrics.cases_for), within what the user may see."""
    rows = core_metrics.cases_for(key, start, end, unit)
    if rows.model is Hearing:
        return application_list(user=user).filter(pk__in=rows.values("case_id"))
    return application_list(user=user).filter(pk__in=rows.values("pk"))


def application_detail_qs() -> QuerySet[Application]:
    """The case page's query (scoped by core.steps.fetch_in_scope): the case with every part it shows."""
    return (Application.objects
            .select_related("respondent", "handler", "subject_area", "unit", "act_kind")
            .prefetch_related(Prefetch("parties", queryset=CaseParty.objects.select_related("party", "represents__party")),
                              "attachments", "corrections", "investigations", "suspensions", "documents",
                              Prefetch("hearings", queryset=Hearing.objects.select_related("presiding", "clerk")
                                       .prefetch_related("officers")),
                              Prefetch("committee_reviews", queryset=CommitteeReview.objects.select_related("meeting"))))


def attachment_detail(*, user, case_pk: int, pk: int) -> Attachment | None:
    """An attachment of a case the user may see (None outside their scope: the view answers 404)."""
    return (Attachment.objects.filter(pk=pk, case_id=case_pk, case__in=Application.objects.visible_to(user))
            .select_related("case").first())


def meeting_list(*, user) -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.visible_to(user).prefetch_related("members")


def meeting_detail_qs() -> QuerySet[CommitteeMeeting]:
    """A meeting's page (scoped by core.steps.fetch_in_scope): its members and the cases put to it."""
    return CommitteeMeeting.objects.prefetch_related(
        "members", Prefetch("reviews", queryset=CommitteeReview.objects.select_related("case", "case__respondent")))


def work_for(user) -> list[WorkItem]:
    """我的工作: the user's open reconsideration cases, the oldest first."""
    qs = (Application.objects.visible_to(user).filter(handler=user, state__in=OPEN_STATES)
          .select_related("respondent").order_by("received_on", "pk")[:20])
    return [WorkItem(line="reconsideration", title=f"{a.number} {a.act_description[:30]}", url=a.get_absolute_url(),
                     state=a.get_state_display()) for a in qs]


def today() -> date:
    return timezone.localdate()
