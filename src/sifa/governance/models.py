"""Rule-of-law governance (依法治区): the work of the district committee's office (区委依法治区办, seated in the
justice bureau's 普法与依法治理科) as records.

- `Task`: one item of the year's task list (重点任务分工清单), with its responsible unit, its assisting units, its due
  date and the progress reports (`TaskReport`); done when its responsible unit reports it done.
- `Inspection` (法治督察): an inspection of one unit, its findings (`Finding`), each with a rectification item and its
  clock (整改期限) that runs until the item is closed; the inspection is closed when all its items are.
- `ObservationPoint` (基层法治观察点) with its observers (`Observer`), the observations they submit
  (`Observation`) and the office's reply (with its clock).
- `ResearchTopic` (调研课题) with its status (proposed, approved by the city, concluded).

Every record belongs to the office's unit (`unit`, the scope); the units it concerns (the responsible unit, the
inspected agency, a point's host) are other foreign keys to `core.Unit`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case
from sifa.core.locking import Versioned
from sifa.core.models.scoping import ScopedManager


class Task(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    code = models.CharField(_("item number"), max_length=20, blank=True)
    title = models.CharField(_("task"), max_length=300)
    source = models.CharField(_("source document"), max_length=200, blank=True)
    responsible = models.ForeignKey("core.Unit", verbose_name=_("responsible unit"), on_delete=models.PROTECT,
                                    related_name="+")
    assisting = models.ManyToManyField("core.Unit", verbose_name=_("assisting units"), blank=True, related_name="+")
    due_on = models.DateField(_("due date"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        permissions = [("report_task", _("Can report progress on a task"))]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("governance:task", args=[self.pk])


class TaskReport(models.Model):
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("progress"))
    done = models.BooleanField(_("task done"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("task progress report")
        verbose_name_plural = _("task progress reports")
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.task}：{self.reported_on}"


class InspectionKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("Special inspection of administrative enforcement")
    RESPONSIBILITY = "responsibility", _("Inspection of the duties of rule-of-law building")
    PLAN = "plan", _("Inspection of the implementation of the plans")


class InspectionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("inspection", "In progress")
    RECTIFYING = "rectifying", _("Rectification under way")
    CLOSED = "closed", pgettext_lazy("inspection", "Closed")


class Inspection(Case):
    """One inspection (法治督察) of one unit in one campaign (e.g. 2022年行政执法专项法治督察): a unit is
    inspected once per campaign, so the inspections of a campaign count the units inspected."""

    campaign = models.CharField(_("campaign"), max_length=120)
    kind = models.CharField(pgettext_lazy("inspection", "kind"), max_length=20, choices=InspectionKind.choices)
    inspected = models.ForeignKey("core.Unit", verbose_name=_("inspected unit"), on_delete=models.PROTECT,
                                  related_name="+")
    visited_on = models.DateField(_("inspected on"), db_index=True)
    reported_on = models.DateField(_("report issued on"), null=True, blank=True, db_index=True)
    report_number = models.CharField(_("report number"), max_length=60, blank=True)
    summary = models.TextField(_("summary of the inspection"), blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [models.UniqueConstraint(fields=["campaign", "inspected"],
                                               name="governance_one_inspection_per_campaign")]

    def __str__(self) -> str:
        return f"{self.number} {self.inspected.name}".strip()

    def get_state_display(self) -> str:
        return str(InspectionState(self.state).label)

    def get_absolute_url(self) -> str:
        return reverse("governance:inspection", args=[self.pk])


class Finding(Versioned):
    """A problem found (督察发现的问题) and its rectification item (整改事项): notified with the report, it carries a
    clock until the inspected unit's rectification is accepted (closed)."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="findings")
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    problem = models.TextField(_("problem found"))
    requirement = models.TextField(_("rectification required"))
    notified_on = models.DateField(_("rectification notified on"), null=True, blank=True, db_index=True)
    rectified_on = models.DateField(_("rectification closed on"), null=True, blank=True, db_index=True)
    rectified_in_time = models.BooleanField(_("closed within the time limit"), null=True)
    outcome = models.TextField(_("what was rectified"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.inspection.inspected.name}：{self.problem[:30]}"

    @property
    def handler(self):
        return self.inspection.handler

    def get_absolute_url(self) -> str:
        return reverse("governance:inspection", args=[self.inspection_id])


class PointKind(models.TextChoices):
    """The "20+5" network: points in the streets and towns' communities, and points in specialised bodies."""

    GRASSROOTS = "grassroots", _("Grassroots point (community, village, park)")
    SPECIALISED = "specialised", _("Specialised point (association, enterprise, school)")


class ObservationPoint(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name of the point"), max_length=120, unique=True)
    kind = models.CharField(pgettext_lazy("observation point", "kind"), max_length=20, choices=PointKind.choices)
    street = models.ForeignKey("core.Unit", verbose_name=_("street or town"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    established_on = models.DateField(_("established on"), db_index=True)
    closed_on = models.DateField(_("closed down on"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("observation point")
        verbose_name_plural = _("observation points")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:point", args=[self.pk])


class Observer(models.Model):
    point = models.ForeignKey(ObservationPoint, verbose_name=_("observation point"), on_delete=models.CASCADE,
                              related_name="observers")
    name = models.CharField(_("full name"), max_length=60)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    appointed_on = models.DateField(_("appointed on"))

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Observation(Versioned):
    """An observation (法治观察意见) a point submits on a law, a draft or the way it is enforced; the office
    replies (反馈) within its clock."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    point = models.ForeignKey(ObservationPoint, verbose_name=_("observation point"), on_delete=models.PROTECT,
                              related_name="observations")
    observer = models.ForeignKey(Observer, verbose_name=_("observer"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField(_("submitted on"), db_index=True)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("observation"))
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.point.name}：{self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("governance:observation", args=[self.pk])


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Topic approved by the city")
    NOT_APPROVED = "not_approved", _("Not approved")
    CONCLUDED = "concluded", pgettext_lazy("research topic", "Concluded")


class ResearchTopic(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    lead = models.ForeignKey("core.Unit", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.PROPOSED)
    proposed_on = models.DateField(_("proposed on"))
    approved_on = models.DateField(_("topic approved on"), null=True, blank=True, db_index=True)
    approved_by = models.CharField(_("approving body"), max_length=100, blank=True)
    concluded_on = models.DateField(_("topic concluded on"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("research topic")
        verbose_name_plural = _("research topics")

    def __str__(self) -> str:
        return self.title

    @property
    def state(self) -> str:
        """The procedure table's name for the status (core.workflow reads and sets `state`)."""
        return self.status

    @state.setter
    def state(self, value: str) -> None:
        self.status = value

    def get_state_display(self) -> str:
        return self.get_status_display()

    def get_absolute_url(self) -> str:
        return reverse("governance:topic", args=[self.pk])


# --- assessment (法治建设考核) ------------------------------------------------------------------------------------

class AssessmentScheme(Versioned):
    """A year's indicator system (考核细则) for one group of units (区级机关, 街镇), as data: a new edition of the
    same year's scheme is a new row (`edition`), so scores are always traceable to the rules they were given by."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    published_on = models.DateField(_("published on"))
    pass_mark = models.DecimalField(_("pass mark"), max_digits=6, decimal_places=2, default=60)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        constraints = [models.UniqueConstraint(fields=["year", "title", "edition"],
                                               name="governance_one_scheme_edition")]

    def __str__(self) -> str:
        return f"{self.title}（第{self.edition}版）"

    def get_absolute_url(self) -> str:
        return reverse("governance:scheme", args=[self.pk])


class Indicator(models.Model):
    """An indicator of a scheme: a level-1 heading (its `parent` empty) or a scored item under it, worth `points`;
    each occurrence of a failing deducts `per_occurrence`, up to `cap` (default: the item's points). A veto item
    (一票否决) scores nothing but, when it applies, fails the unit whatever its points."""

    scheme = models.ForeignKey(AssessmentScheme, verbose_name=_("assessment scheme"), on_delete=models.CASCADE,
                               related_name="indicators")
    parent = models.ForeignKey("self", verbose_name=_("level-1 indicator"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("indicator"), max_length=300)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=0)
    per_occurrence = models.DecimalField(_("deduction per occurrence"), max_digits=6, decimal_places=2, default=0)
    cap = models.DecimalField(_("deduction cap"), max_digits=6, decimal_places=2, null=True, blank=True)
    veto = models.BooleanField(_("veto item"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="governance_indicator_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Assessment(Versioned):
    """One unit's assessment under a scheme: its self-assessment, then the bureau's scores; the totals and the
    rank are computed from the scores (`services.assessment_recompute`), never typed."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(AssessmentScheme, verbose_name=_("assessment scheme"), on_delete=models.PROTECT,
                               related_name="assessments")
    assessed = models.ForeignKey("core.Unit", verbose_name=_("assessed unit"), on_delete=models.PROTECT,
                                 related_name="+")
    self_submitted_on = models.DateField(_("self-assessment submitted on"), null=True, blank=True)
    self_total = models.DecimalField(_("self-assessed total"), max_digits=7, decimal_places=2, null=True, blank=True)
    scored_on = models.DateField(_("scored on"), null=True, blank=True, db_index=True)
    total = models.DecimalField(_("total score"), max_digits=7, decimal_places=2, null=True, blank=True)
    vetoed = models.BooleanField(_("failed by a veto item"), default=False)
    passed = models.BooleanField(_("passed"), null=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["scheme", "assessed"], name="governance_one_assessment")]

    def __str__(self) -> str:
        return f"{self.scheme.year} {self.assessed.name}"

    def get_absolute_url(self) -> str:
        return reverse("governance:assessment", args=[self.pk])


class Score(models.Model):
    """The inputs of one item of one unit: the occurrences the unit reports (with its evidence) and those the
    bureau finds, whether a veto applies, and the points each gives (computed)."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="scores")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    self_occurrences = models.PositiveSmallIntegerField(_("occurrences (self-assessment)"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    occurrences = models.PositiveSmallIntegerField(_("occurrences (bureau)"), null=True, blank=True)
    veto_applies = models.BooleanField(_("veto applies"), default=False)
    note = models.TextField(_("bureau's note"), blank=True)
    self_points = models.DecimalField(_("points (self-assessment)"), max_digits=6, decimal_places=2, null=True,
                                      blank=True)
    points = models.DecimalField(_("points (bureau)"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["indicator__code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="governance_one_score")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.indicator.code}"
