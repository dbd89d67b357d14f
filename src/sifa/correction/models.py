"""Community correction (社区矫正) and resettlement of released prisoners (安置帮教): the data.

A `Supervisee` is one person under community correction (社区矫正法 第二条: 管制, 缓刑, 假释, 暂予监外执行), received
at the justice office (司法所) of the place of execution from the deciding organ's notice. The case runs from the
notice through reporting in (报到, 第二十一条), the announcement (宣告, 第二十二条) and supervision to 解除 (第四十四条)
or 终止 (第四十五条).

Its parts:
- `Contact`: one due contact (report, visit, check-in) and when it was met — the contact clock. The interval and the
  threshold past which a missed contact is loss of supervision (脱管) are district data by classification level
  (`district.py`), copied onto the row when the contact falls due, as a statutory clock keeps its rule;
- `Sanction`: a step of the ladder (第二十八条), with the step the ladder proposed and the reason for any departure;
- `Leave`: a request to leave the city or county (第二十七条) with its approval tier;
- `Session` and `Participation`: education, public-welfare activities and counselling with their participants;
- `LearningRecord`: hours of online learning, imported from the learning platform's export.

A `Release` is one notice of a prisoner's release for resettlement (安置帮教) and its hand-over (衔接).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case
from sifa.core.locking import Versioned
from sifa.core.models.scoping import ScopedQuerySet, reads_case_contents, user_unit_paths, within_q

VIEW = "correction.view_supervisee"


class State(models.TextChoices):
    NOTIFIED = "notified", _("Notified, awaiting report-in")
    REPORTED = "reported", _("Reported in, awaiting announcement")
    SUPERVISED = "supervised", _("Under correction")
    ENDED = "ended", _("Correction ended (解除)")
    TERMINATED = "terminated", _("Correction terminated (终止)")
    TRANSFERRED = "transferred", _("Place of execution changed out of the district")


class Kind(models.TextChoices):
    CONTROL = "control", _("Public surveillance (管制)")
    PROBATION = "probation", _("Suspended sentence (缓刑)")
    PAROLE = "parole", _("Parole (假释)")
    TEMPORARY = "temporary", _("Temporary execution outside prison (暂予监外执行)")


class Level(models.TextChoices):
    STRICT = "strict", _("Strict supervision (严管)")
    ORDINARY = "ordinary", _("Ordinary supervision (普管)")
    LENIENT = "lenient", _("Lenient supervision (宽管)")


class Organ(models.TextChoices):
    COURT = "court", _("People's court")
    PRISON = "prison", _("Prison administration")
    POLICE = "police", _("Public security organ")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("By phone")
    VISIT = "visit", _("Home visit")
    IN_PERSON = "in_person", _("Reported in person")
    ELECTRONIC = "electronic", _("Electronic check-in")


class SanctionKind(models.TextChoices):
    """The ladder of 社区矫正法 第二十八条, lowest first."""

    COMMENDATION = "commendation", _("Commendation (表扬)")
    ADMONITION = "admonition", _("Admonition (训诫)")
    WARNING = "warning", _("Warning (警告)")
    POLICE_PENALTY = "police_penalty", _("Referral for a public-order penalty (提请治安管理处罚)")
    REVOCATION = "revocation", _("Recommendation to revoke (提请撤销缓刑、假释或收监执行)")


class SessionKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic education (集中教育)")
    INDIVIDUAL = "individual", _("Individual education (个别教育)")
    PUBLIC_WELFARE = "public_welfare", _("Public-welfare activity (公益活动)")
    COUNSELLING = "counselling", _("Psychological counselling (心理咨询)")


class EndReason(models.TextChoices):
    TERM = "term", _("Term completed")
    AMNESTY = "amnesty", _("Amnesty")
    REVOKED = "revoked", _("Suspended sentence or parole revoked")
    COMMITTED = "committed", _("Committed to prison")
    DEATH = "death", _("Death")


class SuperviseeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Correction records are for correction staff only (core.view_case_contents and correction.view_supervisee):
        a justice office's staff see its persons, the district's correction division (district setting
        `correction.division`) every person of the district."""
        if not reads_case_contents(user) or not user.has_perm(VIEW):
            return self.none()
        from .district import division

        field = getattr(self.model, "scope_field", "unit")
        paths = list(user_unit_paths(user))
        div = division()
        if div is not None and div.parent_id and any(div.path.startswith(p) for p in paths):
            paths.append(div.parent.path)
        return self.filter(within_q(paths, field))


SuperviseeManager = models.Manager.from_queryset(SuperviseeQuerySet)


class Supervisee(Case):
    states = State

    person = models.ForeignKey("core.Party", verbose_name=_("person under correction"), on_delete=models.PROTECT,
                               related_name="+")
    kind = models.CharField(pgettext_lazy("correction", "type"), max_length=16, choices=Kind.choices, db_index=True)
    level = models.CharField(_("classification level"), max_length=16, choices=Level.choices, blank=True,
                             db_index=True)
    offence = models.CharField(_("offence"), max_length=120)
    deciding_organ = models.CharField(_("deciding organ"), max_length=16, choices=Organ.choices)
    deciding_body = models.CharField(_("deciding body"), max_length=120)
    decision_number = models.CharField(_("judgment or decision number"), max_length=80)
    notice_received_on = models.DateField(_("notice received on"), db_index=True)
    effective_on = models.DateField(_("judgment effective on"), db_index=True,
                                    help_text=_("The day the judgment, ruling or decision took effect."))
    term_start = models.DateField(_("correction term starts"), null=True, blank=True)
    term_end = models.DateField(_("correction term ends"), db_index=True)
    # reporting in (第二十一条): due ten days after the judgment took effect; past `missed_after` (the due day plus the
    # district's grace for finding the person) an absence is 漏管
    report_due = models.DateField(_("report-in due by"), db_index=True)
    missed_after = models.DateField(_("missed at intake after"), db_index=True)
    reported_on = models.DateField(_("reported in on"), null=True, blank=True, db_index=True)
    missed_intake = models.BooleanField(_("missed at intake (漏管)"), default=False, db_index=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True, db_index=True)
    announcement_number = models.CharField(_("announcement number"), max_length=60, blank=True)
    plan = models.TextField(_("correction plan"), blank=True)
    ended_on = models.DateField(_("correction ended on"), null=True, blank=True, db_index=True)
    end_reason = models.CharField(_("reason for the end"), max_length=16, choices=EndReason.choices, blank=True)
    end_number = models.CharField(_("certificate of release number"), max_length=60, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("person under correction")
        verbose_name_plural = _("persons under correction")
        permissions = [("supervise_supervisee", _("Can supervise persons under community correction")),
                       ("decide_sanction", _("Can decide sanctions and long leave (the correction division)"))]
        indexes = [models.Index(fields=["unit", "state", "effective_on"], name="correction_list")]

    def __str__(self) -> str:
        return f"{self.number} {self.person.name if self.person_id else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("correction:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state


class Contact(models.Model):
    """One due contact and its meeting: the contact clock of the person's level."""

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("classification level"), max_length=16, choices=Level.choices)
    start = models.DateField(_("from"))
    due_on = models.DateField(_("contact due by"), db_index=True)
    lost_after = models.DateField(_("loss of contact after"), db_index=True,
                                  help_text=_("The due day plus the district's threshold for loss of contact."))
    met_on = models.DateField(_("contacted on"), null=True, blank=True, db_index=True)
    method = models.CharField(_("contact method"), max_length=16, choices=ContactMethod.choices, blank=True)
    lost = models.BooleanField(_("out of supervision (脱管)"), default=False, db_index=True)
    cancelled_on = models.DateField(_("no longer due from"), null=True, blank=True,
                                    help_text=_("The correction ended before the contact fell due."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    external_id = models.CharField(_("feed record number"), max_length=60, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["met_on", "lost_after"], name="correction_contact_open")]

    def __str__(self) -> str:
        return f"{self.due_on:%Y-%m-%d}"

    @property
    def late(self) -> bool:
        from django.utils import timezone

        return (self.met_on or timezone.localdate()) > self.due_on


class Sanction(models.Model):
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="sanctions")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(pgettext_lazy("sanction", "kind"), max_length=16, choices=SanctionKind.choices,
                            db_index=True)
    proposed = models.CharField(_("proposed by the ladder"), max_length=16, choices=SanctionKind.choices)
    decided_on = models.DateField(pgettext_lazy("correction", "decided on"), db_index=True)
    facts = models.TextField(_("facts"))
    departure_reason = models.TextField(_("reason for departing from the proposal"), blank=True)
    number = models.CharField(_("decision number"), max_length=60, blank=True)
    court_due = models.DateField(_("court's ruling due by"), null=True, blank=True)
    # 第四十七条: with a revocation recommendation the agency may ask the court to arrest; the court decides in 48 hours
    arrest_requested_at = models.DateTimeField(_("arrest requested at"), null=True, blank=True)
    arrest_due_at = models.DateTimeField(_("arrest decision due by"), null=True, blank=True)
    arrest_decided_at = models.DateTimeField(_("arrest decided at"), null=True, blank=True)
    arrested = models.BooleanField(_("arrest decided"), null=True, blank=True)
    # 第四十八条: the court's ruling on the recommendation
    ruled_on = models.DateField(_("court ruled on"), null=True, blank=True)
    revoked = models.BooleanField(_("revocation ruled"), null=True, blank=True)
    ruling_number = models.CharField(_("ruling number"), max_length=80, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on:%Y-%m-%d}"


class LeaveState(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", pgettext_lazy("leave", "Refused")


class Leave(models.Model):
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="leaves")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    destination = models.CharField(_("destination"), max_length=120)
    reason = models.CharField(_("reason"), max_length=200)
    start = models.DateField(_("leaves on"))
    end = models.DateField(_("returns on"))
    days = models.PositiveIntegerField(_("days"))
    days_in_two_months = models.PositiveIntegerField(_("days of leave within two months"))
    tier = models.CharField(_("approval tier"), max_length=16,
                            choices=[("office", _("Justice office")), ("bureau", _("District bureau"))])
    state = models.CharField(_("state"), max_length=16, choices=LeaveState.choices)
    decided_on = models.DateField(pgettext_lazy("correction", "decided on"))
    number = models.CharField(_("form number"), max_length=60, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.destination} {self.start:%Y-%m-%d}"


class Session(models.Model):
    """An education session, a public-welfare activity or a counselling session, held by a unit."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(pgettext_lazy("session", "kind"), max_length=16, choices=SessionKind.choices,
                            db_index=True)
    held_on = models.DateField(_("held on"), db_index=True)
    title = models.CharField(_("title"), max_length=120)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=1)
    participants = models.PositiveIntegerField(_("number of participants"), default=0)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["kind", "held_on"], name="correction_session_kind")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("correction:session", args=[self.pk])


class Participation(models.Model):
    """One person at one session: a person-time (人次). Kind, day and unit are the session's, kept for the figures."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participations")
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(pgettext_lazy("session", "kind"), max_length=16, choices=SessionKind.choices)
    held_on = models.DateField(_("held on"))

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["session", "supervisee"], name="correction_one_participation")]
        indexes = [models.Index(fields=["kind", "held_on"], name="correction_participation_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class LearningRecord(models.Model):
    """Hours of online learning of one person on one day, from the learning platform's export (沪智矫)."""

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="learning")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    learned_on = models.DateField(_("learned on"), db_index=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    course = models.CharField(_("course"), max_length=120, blank=True)
    external_id = models.CharField(_("platform record number"), max_length=60, blank=True, db_index=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("online learning record")
        verbose_name_plural = _("online learning records")

    def __str__(self) -> str:
        return f"{self.learned_on:%Y-%m-%d} {self.hours}"


class HandOver(models.TextChoices):
    PENDING = "pending", _("Not handed over (未衔接)")
    DONE = "done", _("Handed over (已衔接)")


class Release(Versioned):
    """A prison's notice of a release (刑满释放人员通知书, one month before release) and the hand-over (衔接)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("justice office"), on_delete=models.PROTECT,
                             related_name="+")
    person = models.ForeignKey("core.Party", verbose_name=_("released person"), on_delete=models.PROTECT,
                               related_name="+")
    prison = models.CharField(_("prison"), max_length=120)
    offence = models.CharField(_("offence"), max_length=120, blank=True)
    notice_received_on = models.DateField(_("notice received on"), db_index=True)
    release_on = models.DateField(_("released on"), db_index=True)
    key_person = models.BooleanField(_("key person (必接必送)"), default=False)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True, db_index=True)
    hand_over = models.CharField(_("hand-over"), max_length=8, choices=HandOver.choices, default=HandOver.PENDING,
                                 db_index=True)
    escorted = models.BooleanField(_("collected and escorted"), default=False)
    reoffended_on = models.DateField(_("re-offended on"), null=True, blank=True)
    register_number = models.CharField(_("register number"), max_length=60, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("release for resettlement")
        verbose_name_plural = _("releases for resettlement")
        permissions = [("hand_over_release", _("Can record resettlement hand-overs"))]

    def __str__(self) -> str:
        return f"{self.person.name if self.person_id else ''} {self.release_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("correction:release", args=[self.pk])


# --- 调查评估: pre-sentence investigation commissioned by the deciding organ (社区矫正法 第十八条) ---------------------

class AssessmentState(models.TextChoices):
    PENDING = "pending", _("Assessment under way")
    SUBMITTED = "submitted", _("Assessment opinion submitted")
    WITHDRAWN = "withdrawn", _("Commission withdrawn")


class Opinion(models.TextChoices):
    SUITABLE = "suitable", _("Suitable for community correction")
    UNSUITABLE = "unsuitable", _("Not suitable for community correction")


class Assessment(Case):
    """A court's (or prison's, or public security organ's) commission to assess a defendant's or prisoner's social
    danger and the effect on the community where he lives (第十八条), answered within the time limit (clocks.py)."""

    states = AssessmentState

    subject = models.ForeignKey("core.Party", verbose_name=_("person assessed"), on_delete=models.PROTECT,
                                related_name="+")
    commissioning_organ = models.CharField(_("commissioning organ"), max_length=16, choices=Organ.choices)
    commissioning_body = models.CharField(_("commissioning body"), max_length=120)
    commission_number = models.CharField(_("letter of commission number"), max_length=80)
    offence = models.CharField(_("offence"), max_length=120)
    proposed_kind = models.CharField(_("correction proposed"), max_length=16, choices=Kind.choices)
    received_on = models.DateField(_("commission received on"), db_index=True)
    expedited = models.BooleanField(_("fast-track procedure (速裁程序)"), default=False)
    due_on = models.DateField(_("assessment due by"), db_index=True)
    submitted_on = models.DateField(_("opinion submitted on"), null=True, blank=True, db_index=True)
    opinion = models.CharField(_("assessment opinion"), max_length=16, choices=Opinion.choices, blank=True,
                               db_index=True)
    findings = models.TextField(_("findings of the investigation"), blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("pre-sentence assessment")
        verbose_name_plural = _("pre-sentence assessments")
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="correction_assessment_list")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject.name if self.subject_id else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("correction:assessment", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(AssessmentState(self.state).label)
        except ValueError:
            return self.state


# --- 查找: the search after loss of contact (第三十条) -------------------------------------------------------------

class SearchOutcome(models.TextChoices):
    RETURNED = "returned", _("Found and back under supervision")
    REFUSING = "refusing", _("Found but refusing supervision")
    DETAINED = "detained", _("Found in custody")
    DEAD = "dead", _("Found dead")


class Search(models.Model):
    """The search a loss of contact triggers (社区矫正法 第三十条: 立即组织查找): opened by the sweep on the day it finds
    the contact lost, closed when the person is found, with the measures taken."""

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="searches")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lost_since = models.DateField(_("out of contact since"))
    started_on = models.DateField(_("search started on"), db_index=True)
    found_on = models.DateField(_("found again on"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome of the search"), max_length=16, choices=SearchOutcome.choices, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    police_assisted = models.BooleanField(_("police asked to assist"), default=False)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("search after loss of contact")
        verbose_name_plural = _("searches after loss of contact")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_on:%Y-%m-%d}"

    @property
    def days_out(self) -> int:
        from django.utils import timezone

        return ((self.found_on or timezone.localdate()) - self.lost_since).days


# --- 变更执行地 (第二十七条第二款) --------------------------------------------------------------------------------

class Transfer(models.Model):
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="transfers")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    from_unit = models.ForeignKey("core.Unit", verbose_name=_("from justice office"), on_delete=models.PROTECT,
                                  related_name="+")
    to_unit = models.ForeignKey("core.Unit", verbose_name=_("to justice office"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    to_agency = models.CharField(_("new correction agency"), max_length=120, blank=True)
    reason = models.CharField(_("reason for the change"), max_length=200)
    decided_on = models.DateField(pgettext_lazy("correction", "decided on"))
    notified = models.BooleanField(_("deciding organ and new agency notified"), default=False)
    number = models.CharField(_("decision number"), max_length=60, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("change of the place of execution")
        verbose_name_plural = _("changes of the place of execution")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decided_on:%Y-%m-%d} {self.to_agency or (self.to_unit.name if self.to_unit_id else '')}"


# --- 矫正小组 (第二十五条, 第五十二条) ----------------------------------------------------------------------------

class TeamRole(models.TextChoices):
    OFFICE = "office", _("Justice office staff")
    COMMITTEE = "committee", _("Residents' or villagers' committee")
    GUARDIAN = "guardian", _("Guardian")
    FAMILY = "family", _("Family member")
    EMPLOYER = "employer", _("Employer or school")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    VOLUNTEER = "volunteer", _("Volunteer")
    JUVENILE = "juvenile", _("Person familiar with minors")


class TeamMember(models.Model):
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="team")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("member's name"), max_length=60)
    role = models.CharField(_("member's role"), max_length=16, choices=TeamRole.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=[("M", _("Male")), ("F", _("Female"))])
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("correction team member")
        verbose_name_plural = _("correction team members")
        ordering = ["since", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


# --- 电子定位装置 (第二十九条) ------------------------------------------------------------------------------------

class MonitoringGround(models.TextChoices):
    """The grounds of 社区矫正法 第二十九条第一款, and no others."""

    BAN = "ban", _("Breached the court's prohibition order")
    LEFT = "left", _("Left the city or county without approval and without good reason")
    NO_REPORT = "no_report", _("Refused to report and was warned")
    POLICE = "police", _("Given a public-order penalty for a breach")
    REVOCATION = "revocation", _("Revocation or committal about to be recommended")


class Monitoring(models.Model):
    """A period of electronic monitoring, approved by the head of the district justice bureau, at most three months;
    an extension is a new period, approved again after an assessment."""

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="monitoring")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(pgettext_lazy("monitoring", "ground"), max_length=16, choices=MonitoringGround.choices)
    approver = models.CharField(_("approved by (head of the district justice bureau)"), max_length=60)
    start = models.DateField(_("monitoring from"))
    end = models.DateField(_("monitoring until"), db_index=True)
    extension_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assessment = models.TextField(_("assessment of the need to continue"), blank=True)
    removed_on = models.DateField(_("monitoring removed on"), null=True, blank=True)

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("electronic monitoring period")
        verbose_name_plural = _("electronic monitoring periods")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} — {self.end:%Y-%m-%d}"


# --- 安置帮教: return visits, help and re-offending -----------------------------------------------------------------

class AftercareKind(models.TextChoices):
    VISIT = "visit", _("Return visit")
    EMPLOYMENT = "employment", _("Help with employment")
    SCHOOLING = "schooling", _("Help with schooling")
    RELIEF = "relief", _("Social relief")
    REGISTRATION = "registration", _("Help with household registration")
    OTHER = "other", _("Other help")


class Aftercare(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="aftercare")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(pgettext_lazy("aftercare", "kind"), max_length=16, choices=AftercareKind.choices,
                            db_index=True)
    on = models.DateField(_("date"), db_index=True)
    note = models.CharField(pgettext_lazy("aftercare", "what was done"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = SuperviseeManager()

    class Meta:
        verbose_name = _("resettlement follow-up")
        verbose_name_plural = _("resettlement follow-ups")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"
