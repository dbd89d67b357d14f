"""People's supervisors (人民监督员): the pool and the draws for the procuratorate's activities.

The pool (《人民监督员选任管理办法》, 司发〔2021〕7号): each `Supervisor` is a person (a core `Party`: ID and phone
encrypted) with a public code used in the draws, the field they come from (the stratum of the quotas), their
terms (`Term`: five years, at most two consecutive, both district data), trainings and annual assessments; a failed
assessment or a disqualification (Art 10) removes them for good (`barred`).

A `DrawRequest` is the case: the procuratorate asks for supervisors for an activity; the bureau fixes and publishes
the candidate listing, its hash, the quotas and exclusions, names the public source of the seed, then draws
(`sortition.py`, two levels: the quotas, then the reserves). Each `Seat` is one supervisor drawn: invited,
confirmed or declined (the next reserve is invited), present or absent, and their opinion with the
procuratorate's answer.
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


class Field(models.TextChoices):
    """The sector a supervisor comes from: the strata of a draw's quotas (选任管理办法 第七条: broad representation)."""

    LAW = "law", _("Legal profession")
    ECONOMY = "economy", _("Economy and business")
    EDUCATION = "education", _("Education, science and culture")
    COMMUNITY = "community", _("Community and grassroots")
    PUBLIC = "public", _("Public institutions and others")


class SupervisorStatus(models.TextChoices):
    ACTIVE = "active", _("In office")
    SUSPENDED = "suspended", _("Suspended from duty")
    REMOVED = "removed", _("Removed")
    ENDED = "ended", _("Term ended")


class Supervisor(Versioned):
    unit = models.ForeignKey("core.Unit", verbose_name=_("managing unit"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("public code"), max_length=30, unique=True,
                            help_text=_("The code under which the supervisor appears in published draw listings."))
    person = models.ForeignKey("core.Party", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, db_index=True)
    street = models.CharField(_("street or town"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation"), max_length=80, blank=True)
    birth_date = models.DateField(_("date of birth"))
    status = models.CharField(pgettext_lazy("supervisor", "status"), max_length=12, choices=SupervisorStatus.choices,
                              default=SupervisorStatus.ACTIVE, db_index=True)
    barred = models.BooleanField(_("barred for good"), default=False,
                                 help_text=_("Removed for misconduct or a failed assessment: never selected again "
                                             "(选任管理办法 第十条)."))
    barred_reason = models.CharField(_("reason"), max_length=200, blank=True)
    selected_on = models.DateField(_("selected as a supervisor on"), db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("people's supervisor")
        verbose_name_plural = _("people's supervisors")
        ordering = ["code"]
        permissions = [("manage_pool", _("Can select, train, assess and remove people's supervisors"))]

    def __str__(self) -> str:
        return f"{self.code} {self.person.name}"

    def get_absolute_url(self) -> str:
        return reverse("supervisors:supervisor", args=[self.pk])


class Term(models.Model):
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.CASCADE,
                                   related_name="terms")
    number = models.PositiveSmallIntegerField(_("consecutive term"))
    starts_on = models.DateField(_("term starts"), db_index=True)
    ends_on = models.DateField(_("term ends"), db_index=True)
    appointed_by = models.CharField(_("appointed by"), max_length=80)
    ended_early_on = models.DateField(_("ended early on"), null=True, blank=True)

    objects = ScopedManager()
    scope_field = "supervisor__unit"

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["supervisor", "number"]
        constraints = [models.UniqueConstraint(fields=["supervisor", "number"], name="supervisors_term_once")]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"


class Disqualification(models.TextChoices):
    """选任管理办法 第十条: who may not serve as a people's supervisor; each answered on its own at every check."""

    CRIMINAL = "criminal", _("Has received a criminal penalty")
    DISMISSED = "dismissed", _("Has been dismissed from public office")
    LICENCE = "licence", _("Lawyer's or notary's licence revoked, or removed as an arbitrator")
    DEBTOR = "debtor", _("Listed as a dishonest judgment debtor")
    JUROR = "juror", _("Removed as a people's assessor for misconduct")
    MISCONDUCT = "misconduct", _("Other serious misconduct affecting fair justice")


class EligibilityCheck(models.Model):
    """One check of a supervisor's eligibility: the answer to each disqualification of 第十条 on the day checked,
    and where the answers come from (a certificate of no criminal record, the credit register, the unit's
    statement). A check with any answer "yes" removes the supervisor for good."""

    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.CASCADE,
                                   related_name="checks")
    checked_on = models.DateField(_("date of the check"), db_index=True)
    answers = models.JSONField(_("answers"), default=dict,
                               help_text=_("For each disqualification of Art 10: true (it applies) or false."))
    source = models.CharField(_("source of the answers"), max_length=200)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who checked"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "supervisor__unit"

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.checked_on:%Y-%m-%d} {self.supervisor_id}"

    @property
    def found(self) -> list[str]:
        """The disqualifications answered "yes", in the article's order."""
        return [d for d in Disqualification.values if self.answers.get(d)]

    @property
    def rows(self) -> list[tuple[str, bool]]:
        return [(Disqualification(d).label, bool(self.answers.get(d))) for d in Disqualification.values]


class Training(models.Model):
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.CASCADE,
                                   related_name="trainings")
    held_on = models.DateField(_("held on"), db_index=True)
    title = models.CharField(_("title"), max_length=120)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    objects = ScopedManager()
    scope_field = "supervisor__unit"

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class AssessmentResult(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASIC = "basic", _("Basically competent")
    FAILED = "failed", _("Not competent")


class Assessment(models.Model):
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.CASCADE,
                                   related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=12, choices=AssessmentResult.choices)
    assessed_on = models.DateField(_("assessed on"), db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager()
    scope_field = "supervisor__unit"

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["supervisor", "year"], name="supervisors_assessed_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_result_display()}"


class State(models.TextChoices):
    RECEIVED = "received", _("Request received")
    PREPARED = "prepared", _("Listing published, awaiting the seed")
    DRAWN = "drawn", _("Drawn, awaiting confirmations")
    CONFIRMED = "confirmed", _("Supervisors confirmed")
    HELD = "held", _("Activity held, awaiting the answer")
    ANSWERED = "answered", _("Answered")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityKind(models.TextChoices):
    """The procuratorate's activities open to supervision (《人民检察院办案活动接受人民监督员监督的规定》 2019)."""

    PUBLIC_REVIEW = "public_review", _("Public review of a case")
    HEARING = "hearing", _("Public hearing")
    INSPECTION = "inspection", _("Circuit inspection")
    RECOMMENDATION = "recommendation", _("Announcement of a procuratorial recommendation")
    FILE_REVIEW = "file_review", _("Review of case files")
    OTHER = "other", _("Other activity")


class DrawRequest(Case):
    states = State

    procuratorate = models.ForeignKey("core.Unit", verbose_name=_("procuratorate"), on_delete=models.PROTECT,
                                      related_name="+")
    activity_kind = models.CharField(_("activity"), max_length=20, choices=ActivityKind.choices)
    activity = models.CharField(_("activity and case"), max_length=200)
    activity_on = models.DateField(_("activity on"), db_index=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    requested = models.PositiveSmallIntegerField(_("supervisors requested"))
    received_on = models.DateField(_("received on"), db_index=True)
    # the draw's record, fixed before the seed is known
    quotas = models.JSONField(_("quotas"), default=dict, blank=True)
    conflicts = models.JSONField(_("conflicts of interest"), default=list, blank=True)
    exclusions = models.JSONField(_("exclusions"), default=list, blank=True)
    listing = models.TextField(_("candidate listing"), blank=True)
    listing_hash = models.CharField(_("SHA-256 of the listing"), max_length=64, blank=True)
    algorithm = models.CharField(_("algorithm"), max_length=40, blank=True)
    algorithm_version = models.CharField(_("algorithm version"), max_length=10, blank=True)
    probabilities = models.JSONField(_("probabilities"), default=dict, blank=True)
    seed_source = models.CharField(_("source of the seed"), max_length=200, blank=True)
    seed_published_on = models.DateField(_("seed published on"), null=True, blank=True)
    prepared_on = models.DateField(_("listing published on"), null=True, blank=True)
    # the draw
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    drawn_on = models.DateField(_("drawn on"), null=True, blank=True, db_index=True)
    drawn = models.JSONField(_("drawn, in order"), default=list, blank=True)
    reserves = models.JSONField(_("reserves, in order"), default=list, blank=True)
    record_number = models.CharField(_("draw record number"), max_length=60, blank=True)
    # the activity and the answer
    confirmed_on = models.DateField(_("all supervisors confirmed on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("the procuratorate's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("draw request")
        verbose_name_plural = _("draw requests")
        permissions = [("handle_drawrequest", _("Can prepare and run draws of people's supervisors"))]

    def __str__(self) -> str:
        return f"{self.number} {self.activity}".strip()

    def get_absolute_url(self) -> str:
        return reverse("supervisors:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state


class SeatStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined to attend")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class ConfirmedVia(models.TextChoices):
    PHONE = "phone", _("By telephone")
    SMS = "sms", _("By text message")
    PERSON = "person", _("In person")
    WRITING = "writing", _("In writing")


class Seat(models.Model):
    request = models.ForeignKey(DrawRequest, verbose_name=_("draw request"), on_delete=models.CASCADE,
                                related_name="seats")
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.PROTECT,
                                   related_name="seats")
    stratum = models.CharField(_("stratum"), max_length=16)
    rank = models.PositiveSmallIntegerField(_("order drawn"))
    from_reserve = models.BooleanField(_("from the reserves"), default=False)
    status = models.CharField(pgettext_lazy("seat", "status"), max_length=12, choices=SeatStatus.choices,
                              default=SeatStatus.INVITED, db_index=True)
    invited_on = models.DateField(_("invited on"))
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    confirmed_via = models.CharField(_("confirmed how"), max_length=8, choices=ConfirmedVia.choices, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    activity_on = models.DateField(_("activity on"), db_index=True)  # the request's, kept for the caps
    opinion = models.TextField(_("opinion"), blank=True)
    opinion_on = models.DateField(_("opinion given on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "request__unit"

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["request", "rank"]
        constraints = [models.UniqueConstraint(fields=["request", "supervisor"], name="supervisors_seat_once")]

    def __str__(self) -> str:
        return f"{self.supervisor.code} {self.get_status_display()}"
