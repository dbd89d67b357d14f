"""Legal publicity (普法): the "谁执法谁普法" responsibility system and the publicity work itself.

- `Responsibility`: a member unit's responsibility list (普法责任清单) for a year, its plan (年度普法计划) and its
  performance review (履职评议) with a score.
- `Activity`: one piece of publicity — an event, an open class, a campaign, a contest, an online item — with its
  date, organiser, participants and, for online items, the views the platform reports (imported from its export).
- `ContestEntry`: a work entered in a contest, with the prize it won, if any.
- `Project`: a project nominated for the district's best publicity projects (十大优秀普法项目), with its score and
  whether it was selected.

Every record belongs to the publicity division's unit (`unit`, the scope).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.locking import Versioned
from sifa.core.models.scoping import ScopedManager


class Responsibility(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    member = models.ForeignKey("core.Unit", verbose_name=_("member unit"), on_delete=models.PROTECT,
                               related_name="+")
    duties = models.TextField(_("responsibility list"))
    plan = models.TextField(_("the year's publicity plan"), blank=True)
    plan_filed_on = models.DateField(_("plan filed on"), null=True, blank=True)
    score = models.DecimalField(_("review score"), max_digits=5, decimal_places=1, null=True, blank=True)
    reviewed_on = models.DateField(_("performance reviewed on"), null=True, blank=True, db_index=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("responsibility list")
        verbose_name_plural = _("responsibility lists")
        constraints = [models.UniqueConstraint(fields=["year", "member"], name="publicity_one_list_per_member_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.member.name}"

    def get_absolute_url(self) -> str:
        return reverse("publicity:responsibility", args=[self.pk])


class ActivityKind(models.TextChoices):
    EVENT = "event", pgettext_lazy("publicity", "Event")
    OPEN_CLASS = "open_class", _("Open class")
    CAMPAIGN = "campaign", _("Publicity campaign")
    CONTEST = "contest", _("Contest")
    ONLINE = "online", pgettext_lazy("publicity", "Online item")


class Activity(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("item number"), max_length=40, unique=True)
    kind = models.CharField(pgettext_lazy("publicity", "kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    series = models.CharField(_("series"), max_length=60, blank=True)
    held_on = models.DateField(_("held or published on"), db_index=True)
    organiser = models.ForeignKey("core.Unit", verbose_name=_("organised with"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("place or platform"), max_length=120, blank=True)
    participants = models.PositiveIntegerField(_("participant count"), default=0)
    views = models.PositiveIntegerField(_("views"), default=0)
    views_as_of = models.DateField(_("views counted on"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("publicity activity")
        verbose_name_plural = _("publicity activities")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("publicity:activity", args=[self.pk])


class Prize(models.TextChoices):
    NONE = "", _("No prize")
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    MERIT = "merit", _("Prize of merit")


class ContestEntry(models.Model):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    contest = models.ForeignKey(Activity, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(_("title of the work"), max_length=200)
    author = models.CharField(_("author"), max_length=60)
    school = models.CharField(_("school or unit"), max_length=120, blank=True)
    submitted_on = models.DateField(_("submitted on"), db_index=True)
    prize = models.CharField(_("prize"), max_length=10, choices=Prize.choices, blank=True, default="")
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")

    def __str__(self) -> str:
        return f"{self.title}（{self.author}）"

    def get_absolute_url(self) -> str:
        return reverse("publicity:activity", args=[self.contest_id])


class Project(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    member = models.ForeignKey("core.Unit", verbose_name=_("nominating unit"), on_delete=models.PROTECT,
                               related_name="+")
    nominated_on = models.DateField(_("nominated on"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    selected = models.BooleanField(_("selected"), default=False)
    selected_on = models.DateField(_("selected as best on"), null=True, blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("publicity project")
        verbose_name_plural = _("publicity projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publicity:projects") + f"?year={self.year}"


# --- the leaders' study list (领导干部学法清单) ----------------------------------------------------------------

class StudyList(Versioned):
    """A year's list of the laws leading officials must know (领导干部应知应会法律法规清单), published by the office,
    with its items and the study sessions held on them (会前学法, 理论学习中心组学法, 专题讲座), each with its attendance."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("published on"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("leaders' study list")
        verbose_name_plural = _("leaders' study lists")
        constraints = [models.UniqueConstraint(fields=["year", "title"], name="publicity_one_study_list")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publicity:study_list", args=[self.pk])


class StudyItem(models.Model):
    study_list = models.ForeignKey(StudyList, verbose_name=_("leaders' study list"), on_delete=models.CASCADE,
                                   related_name="items")
    position = models.PositiveSmallIntegerField(_("item number"))
    law = models.CharField(_("law or regulation"), max_length=200)
    category = models.CharField(pgettext_lazy("study list", "category"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("item of the study list")
        verbose_name_plural = _("items of the study list")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["study_list", "position"], name="publicity_study_item")]

    def __str__(self) -> str:
        return self.law


class SessionKind(models.TextChoices):
    MEETING = "meeting", _("Study before an executive meeting (会前学法)")
    GROUP = "group", _("Central study group (理论学习中心组学法)")
    LECTURE = "lecture", _("Lecture on a law (法治专题讲座)")


class StudySession(models.Model):
    study_list = models.ForeignKey(StudyList, verbose_name=_("leaders' study list"), on_delete=models.CASCADE,
                                   related_name="sessions")
    held_on = models.DateField(_("held on"), db_index=True)
    kind = models.CharField(pgettext_lazy("study session", "kind"), max_length=20, choices=SessionKind.choices)
    host = models.ForeignKey("core.Unit", verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic of the session"), max_length=200)
    items = models.ManyToManyField(StudyItem, verbose_name=_("items studied"), related_name="sessions", blank=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Attendance(models.Model):
    """One official expected at a session: present, or absent with the reason (请假事由)."""

    session = models.ForeignKey(StudySession, verbose_name=_("study session"), on_delete=models.CASCADE,
                                related_name="attendance")
    name = models.CharField(_("full name"), max_length=60)
    post = models.CharField(_("post held"), max_length=100, blank=True)
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
