"""Administrative reconsideration (行政复议): the application and case, its parties, and the parts of its
procedure (correction requests, hearings, investigations, committee reviews, suspensions, documents).

One model, `Application`, is both the application and the case after acceptance: a case carried over from
the previous year is an ordinary application accepted last year. Data and invariants only; every change
goes through `services.py`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sifa.core.cases import Case
from sifa.core.files import RandomName, private_storage
from sifa.core.locking import Versioned
from sifa.core.models import Category
from sifa.core.models.scoping import ScopedManager

# The 2023 revision of the Administrative Reconsideration Law took effect on this day; an application
# received earlier follows the 2017 text (and the 2007 implementing regulation) throughout.
LAW_2023_FROM = date(2024, 1, 1)


class State(models.TextChoices):
    RECEIVED = "received", _("Received, acceptance review")
    CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
    PRE_ACCEPTANCE_RESOLVED = "pre_acceptance_resolved", _("Resolved before acceptance")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    ABANDONED = "abandoned", _("Deemed abandoned (no correction)")
    HEARING = "hearing", _("Accepted, under review")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided, awaiting service")
    SERVED = "served", _("Decision served")
    MEDIATED = "mediated", _("Concluded by mediation")
    TERMINATED = "terminated", _("Terminated")


OPEN_STATES = (State.RECEIVED, State.CORRECTION_REQUESTED, State.HEARING, State.SUSPENDED)
PRE_ACCEPTANCE_STATES = (State.RECEIVED, State.CORRECTION_REQUESTED)


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")
    ORAL = "oral", _("Orally (recorded)")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")


class SimplifiedGround(models.TextChoices):
    """行政复议法（2023）第五十三条."""

    ON_THE_SPOT = "on_the_spot", _("The act was done on the spot (Art 53(1))")
    WARNING = "warning", _("A warning or public criticism (Art 53(2))")
    SMALL_AMOUNT = "small_amount", _("An amount of 3,000 yuan or less (Art 53(3))")
    INFORMATION = "information", _("A government-information case (Art 53(4))")
    CONSENT = "consent", _("All parties agree (Art 53 ¶2)")


class ReviewOutcome(models.TextChoices):
    PENDING = "", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    PRE_ACCEPTANCE_RESOLVED = "pre_acceptance_resolved", _("Resolved before acceptance")
    ABANDONED = "abandoned", _("Deemed abandoned")


class ResolutionMethod(models.TextChoices):
    """How an application was resolved before acceptance (案前化解; local practice, DOMAIN-2 §1)."""

    COORDINATION = "coordination", _("Withdrawn after coordination with the respondent")
    EXPLANATION = "explanation", _("Withdrawn after the law was explained")
    RESPONDENT_CORRECTED = "respondent_corrected", _("The respondent corrected the act itself")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    """How an accepted case was concluded (审结)."""

    DECISION = "decision", _("Decision")
    MEDIATION = "mediation", _("Mediation (mediation document)")
    MEDIATED_WITHDRAWAL = "mediated_withdrawal", _("Withdrawn after mediation")
    SETTLEMENT = "settlement", _("Settlement, then withdrawal")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    TERMINATION = "termination", _("Termination on other grounds")


MEDIATED_OUTCOMES = (Outcome.MEDIATION, Outcome.MEDIATED_WITHDRAWAL)


class DecisionType(models.TextChoices):
    """行政复议决定的类型 in the statutory order (行政复议法（2023）第六十三条至第七十二条；驳回申请 第三十三条)."""

    VARY = "BG", _("Vary (Art 63)")
    ANNUL = "CX", _("Annul (Art 64)")
    CONFIRM_UNLAWFUL = "QRWF", _("Confirm unlawful (Art 65)")
    ORDER_PERFORMANCE = "ZLLX", _("Order performance (Art 66)")
    CONFIRM_VOID = "QRWX", _("Confirm void (Art 67)")
    UPHOLD = "WC", _("Uphold (Art 68)")
    REJECT_CLAIM = "BH", _("Reject the claim (Art 69)")
    AGREEMENT = "XY", _("Administrative-agreement remedy (Art 71)")
    DISMISS = "BHSQ", _("Dismiss the application (Art 33)")


# 直接纠错: the authority itself corrects the act (DOMAIN §1.6).
DIRECT_CORRECTION_TYPES = (DecisionType.VARY, DecisionType.ANNUL, DecisionType.CONFIRM_UNLAWFUL,
                           DecisionType.ORDER_PERFORMANCE, DecisionType.CONFIRM_VOID)


class SuspensionGround(models.TextChoices):
    """行政复议法（2023）第三十九条第一款 (FYSL 第四十一条 for the earlier law: the same grounds)."""

    DEATH = "1", _("① The applicant died; the next of kin have not decided whether to join")
    INCAPACITY = "2", _("② The applicant lost capacity; no legal representative yet")
    WHEREABOUTS = "3", _("③ The applicant's whereabouts are unknown")
    ORG_ENDED = "4", _("④ The applicant organisation ended; no successor yet")
    FORCE_MAJEURE = "5", _("⑤ Force majeure or another justified reason")
    MEDIATION = "6", _("⑥ Mediation or settlement under way, both sides agree to suspend")
    INTERPRETATION = "7", _("⑦ A question of law awaits an authoritative interpretation")
    OTHER_CASE = "8", _("⑧ The outcome depends on another pending case")
    DOCUMENT_REVIEW = "9", _("⑨ Incidental review of a normative document (Art 56, 57)")
    OTHER = "10", _("⑩ Other")


# Grounds ①②④: after 60 days of suspension with the cause persisting the case is terminated (Art 41(5)).
TERMINATION_AFTER_60_DAYS = (SuspensionGround.DEATH, SuspensionGround.INCAPACITY, SuspensionGround.ORG_ENDED)


class TerminationGround(models.TextChoices):
    """行政复议法（2023）第四十一条."""

    WITHDRAWAL = "1", _("① Withdrawal approved")
    DEATH = "2", _("② The applicant died with no next of kin, or they waive")
    ORG_ENDED = "3", _("③ The applicant organisation ended with no successor, or it waives")
    CRIMINAL = "4", _("④ Criminal compulsory measures for the same act")
    SUSPENSION_LAPSED = "5", _("⑤ Suspended 60 days on ground ①, ② or ④ and the cause persists")


class ActKind(Category):
    """The case-type categories of the national reconsideration statistics (DOMAIN §1.6: 行政处罚, 政府信息公开,
    ...), seeded by a data migration; a row per category, so that figures break down by its name."""

    # Applications refer to a kind by its code (to_field): the column keeps its width.
    code = models.SlugField(_("code"), max_length=20, unique=True)

    class Meta(Category.Meta):
        verbose_name = _("kind of act")
        verbose_name_plural = _("kinds of act")


class SubjectArea(Category):
    """The field a challenged act belongs to (治安, 交通, 违法建筑 ...): a district's own list (U)."""

    class Meta(Category.Meta):
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")


class Application(Case):
    """An application for administrative reconsideration, and the case once accepted."""

    state = models.CharField(_("state"), max_length=40, choices=State.choices, default=State.RECEIVED,
                             db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.COUNTER)
    received_on = models.DateField(_("received on"), db_index=True)
    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True, null=True, blank=True)
    respondent = models.ForeignKey("core.Unit", verbose_name=_("respondent"), on_delete=models.PROTECT,
                                   related_name="+")
    act_kind = models.ForeignKey(ActKind, verbose_name=_("kind of act"), to_field="code", on_delete=models.PROTECT,
                                 default="other", related_name="+")
    subject_area = models.ForeignKey(SubjectArea, verbose_name=_("subject area"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    act_description = models.CharField(_("challenged act"), max_length=300)
    act_number = models.CharField(_("number of the act's document"), max_length=80, blank=True)
    act_date = models.DateField(_("date of the act"), null=True, blank=True)
    known_on = models.DateField(_("date the applicant learned of the act"), null=True, blank=True)
    amount = models.DecimalField(_("amount involved (yuan)"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    request = models.TextField(_("request"))
    reasons = models.TextField(_("facts and reasons"), blank=True)
    major = models.BooleanField(_("major, difficult or complex"), default=False)
    internal_notes = models.TextField(_("internal notes"), blank=True)

    # acceptance review
    review_outcome = models.CharField(_("outcome of the review"), max_length=32, choices=ReviewOutcome.choices,
                                      default=ReviewOutcome.PENDING, blank=True, db_index=True)
    review_ended_on = models.DateField(_("review ended on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    deemed_accepted = models.BooleanField(_("deemed accepted"), default=False)
    not_accepted_reason = models.TextField(_("reasons for non-acceptance"), blank=True)
    competent_authority = models.CharField(_("competent authority"), max_length=120, blank=True)
    resolution_method = models.CharField(_("how it was resolved"), max_length=32, choices=ResolutionMethod.choices,
                                         blank=True)
    resolution_note = models.TextField(_("resolution before acceptance"), blank=True)

    # after acceptance
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices, blank=True)
    simplified_ground = models.CharField(_("ground for the simplified procedure"), max_length=20,
                                         choices=SimplifiedGround.choices, blank=True)
    copy_sent_on = models.DateField(_("copy sent to the respondent on"), null=True, blank=True)
    copy_received_on = models.DateField(_("copy received by the respondent on"), null=True, blank=True)
    answer_received_on = models.DateField(_("answer received on"), null=True, blank=True)

    # conclusion
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True, db_index=True)
    decision_type = models.CharField(_("decision type"), max_length=8, choices=DecisionType.choices, blank=True)
    direct_correction = models.BooleanField(_("direct correction"), default=False, db_index=True)
    order_redo = models.BooleanField(_("respondent ordered to act again"), default=False)
    compensation = models.BooleanField(_("compensation ordered"), default=False)
    decision_reasons = models.TextField(_("findings and reasons"), blank=True)
    mediation_terms = models.TextField(_("terms agreed in mediation"), blank=True)
    termination_ground = models.CharField(_("termination ground"), max_length=2, choices=TerminationGround.choices,
                                          blank=True)
    termination_note = models.TextField(_("termination note"), blank=True)
    served_on = models.DateField(_("decision served on"), null=True, blank=True)
    service_method = models.CharField(_("service method"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("reconsideration application")
        verbose_name_plural = _("reconsideration applications")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "state", "received_on"]),
                   models.Index(fields=["respondent", "received_on"])]
        permissions = [
            ("handle_application", _("Can take the procedural steps of reconsideration cases")),
            ("approve_application", _("Can approve extensions and switches of procedure (head of the office)")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.act_description[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:detail", args=[self.pk])

    @property
    def follows_2023_law(self) -> bool:
        return self.received_on >= LAW_2023_FROM

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def applicants(self):
        return [cp for cp in self.parties.all() if cp.role == PartyRole.APPLICANT]


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    REPRESENTATIVE = "representative", _("Representative")
    THIRD_PARTY = "third_party", _("Third party")


class RepresentativeKind(models.TextChoices):
    LEGAL = "legal", _("Legal guardian")
    AGENT = "agent", _("Authorised agent")


class CaseParty(models.Model):
    """A party's part in a case (a core Party, known to every line)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey("core.Party", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role in the case"), max_length=16, choices=PartyRole.choices)
    represents = models.ForeignKey("self", verbose_name=_("represents"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="representatives")
    representative_kind = models.CharField(_("kind of representative"), max_length=8,
                                           choices=RepresentativeKind.choices, blank=True)

    class Meta:
        verbose_name = _("party to a case")
        verbose_name_plural = _("parties to cases")
        ordering = ["case_id", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "party", "role"], name="uniq_case_party_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.party}"


class Attachment(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    # Private storage under a random name (core.files); `name` keeps the original for display and download.
    file = models.FileField(_("file"), upload_to=RandomName("reconsideration"), storage=private_storage,
                            max_length=200)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    from_applicant = models.BooleanField(_("submitted by the applicant"), default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class CorrectionRequest(models.Model):
    """补正通知 (行政复议法（2023）第三十一条; 实施条例第二十九条)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="corrections")
    requested_on = models.DateField(_("notice sent on"))
    items = models.TextField(_("items to correct"))
    materials_received_on = models.DateField(_("materials received on"), null=True, blank=True)
    lapsed_on = models.DateField(_("deemed abandoned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.requested_on}: {self.items[:40]}"


class HearingKind(models.TextChoices):
    HEARING = "hearing", _("Hearing")
    INTERVIEW = "interview", _("Interview")


class HearingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Hearing(models.Model):
    """A hearing (听证, 行政复议法（2023）第五十条、第五十一条) or an interview (谈话, 第四十九条).

    `unit`, `respondent` and `act_kind` repeat the case's so that the line's statistics break hearings down
    by the same dimensions as applications."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("kind"), max_length=12, choices=HearingKind.choices)
    state = models.CharField(_("state"), max_length=12, choices=HearingState.choices)
    scheduled_for = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    matters = models.TextField(_("matters to be heard"), blank=True)
    notice_on = models.DateField(_("notice given on"), null=True, blank=True)
    presiding = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("presiding officer"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("hearing officers"), blank=True,
                                      related_name="+")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("clerk"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    participants = models.TextField(_("participants"), blank=True)
    respondent_head_attended = models.BooleanField(_("the respondent's head attended"), default=False)
    record = models.TextField(_("hearing record"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True, db_index=True)
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    act_kind = models.ForeignKey(ActKind, to_field="code", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager()

    class Meta:
        verbose_name = _("hearing or interview")
        verbose_name_plural = _("hearings and interviews")
        ordering = ["scheduled_for", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_for}"


class InvestigationKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation")
    INSPECTION = "inspection", _("On-site inspection")
    APPRAISAL = "appraisal", _("Expert appraisal")


# Time spent on these is not counted in the decision period (实施条例第三十四条第三款、第三十七条).
EXCLUDED_TIME_KINDS = {InvestigationKind.INSPECTION: "行政复议法实施条例 第三十四条第三款",
                       InvestigationKind.APPRAISAL: "行政复议法实施条例 第三十七条"}


class Investigation(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="investigations")
    kind = models.CharField(_("kind"), max_length=16, choices=InvestigationKind.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"

    @property
    def excludes_time(self) -> bool:
        return self.kind in EXCLUDED_TIME_KINDS


class CommitteeMember(Versioned):
    """A member of the district government's reconsideration committee (行政复议委员会, 第五十二条)."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Government official")
        EXPERT = "expert", _("Expert or scholar")
        DEPUTY = "deputy", _("People's congress deputy")
        CPPCC = "cppcc", _("CPPCC member")
        LAWYER = "lawyer", _("Lawyer")

    name = models.CharField(_("name"), max_length=60)
    affiliation = models.CharField(_("affiliation"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CommitteeMeeting(Versioned):
    """A case-review meeting of the committee (案审会); its record is optimistically locked (`core.locking`)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    members = models.ManyToManyField(CommitteeMember, verbose_name=_("members present"), blank=True,
                                     related_name="meetings")
    district_head_attended = models.BooleanField(_("the district head attended"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = ScopedManager()

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:meeting", args=[self.pk])


class CommitteeReview(models.Model):
    """One case put to one committee meeting, and the opinion it gave (第五十二条; 第六十一条第三款)."""

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="committee_reviews")
    reason = models.CharField(_("why it was referred"), max_length=200, blank=True)
    opinion = models.TextField(_("the committee's opinion"), blank=True)
    opinion_on = models.DateField(_("opinion recorded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee review")
        verbose_name_plural = _("committee reviews")
        ordering = ["meeting_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="uniq_meeting_case")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.case}"


class Suspension(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="suspensions")
    ground = models.CharField(_("ground"), max_length=2, choices=SuspensionGround.choices)
    reason = models.TextField(_("reason"), blank=True)
    started_on = models.DateField(_("suspended on"))
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_ground_display()} {self.started_on}"

    @property
    def may_lead_to_termination(self) -> bool:
        return self.ground in TERMINATION_AFTER_60_DAYS


class DocumentKind(models.TextChoices):
    CORRECTION_NOTICE = "correction_notice", _("Notice to correct the application")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notice of acceptance")
    NON_ACCEPTANCE = "non_acceptance", _("Decision not to accept")
    HEARING_NOTICE = "hearing_notice", _("Notice of hearing")
    SUSPENSION_NOTICE = "suspension_notice", _("Notice of suspension")
    RESUMPTION_NOTICE = "resumption_notice", _("Notice of resumption")
    TERMINATION = "termination", _("Decision to terminate")
    MEDIATION = "mediation", _("Mediation document")
    DECISION = "decision", _("Reconsideration decision")


class CaseDocument(models.Model):
    """A numbered document issued in a case. The number is taken once, in the service that issues it; the
    .docx is rendered from the case on download."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    # What the document needs beyond the case itself (the hearing, the suspension ...), by primary key.
    ref = models.JSONField(default=dict, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
