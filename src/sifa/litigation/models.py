"""Administrative litigation response (行政应诉): suits against the district government and its agencies.

One `Suit` is one court proceeding with its own court case number: a first instance, an appeal or a
retrial, linked to the instance before it. Its parts are the answer, the hearings (with the agency head's
appearance), the court's concluding decision, coordination efforts and judicial suggestions. City-level
reconsiderations in which the district government is the respondent, and the 三合一 sessions, are kept
beside the suits. The loss classification of outcomes is data (`OutcomeType.is_loss`, DOMAIN §2, tag U).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sifa.core.cases import Case
from sifa.core.locking import Versioned
from sifa.core.models import Category
from sifa.core.models.scoping import ScopedManager
from sifa.core.validators import validate_court_number


class SuitState(models.TextChoices):
    SERVED = "served", _("Awaiting answer")
    ANSWERED = "answered", _("Before the court")
    DECIDED = "decided", _("Decided, appeal period running")
    APPEALED = "appealed", _("Appealed")
    FINAL = "final", _("Final")


class Instance(models.TextChoices):
    FIRST = "first", _("First instance")
    APPEAL = "appeal", _("Appeal")
    RETRIAL = "retrial", _("Retrial")


class ActKind(models.TextChoices):
    PENALTY = "penalty", _("Administrative penalty")
    COMPULSION = "compulsion", _("Administrative compulsion")
    LICENCE = "licence", _("Administrative licence")
    EXPROPRIATION = "expropriation", _("Expropriation and compensation")
    INFORMATION = "information", _("Disclosure of government information")
    INACTION = "inaction", _("Failure to perform a statutory duty")
    CONFIRMATION = "confirmation", _("Administrative confirmation")
    AGREEMENT = "agreement", _("Administrative agreement")
    COMPENSATION = "compensation", _("State compensation")
    PETITION = "petition", _("Handling of a petition or complaint")
    OTHER = "other", _("Other")


class StateLabelMixin:
    """The state's label (Case.state is a plain field; each case model names its states)."""

    states: type[models.TextChoices]

    def get_state_display(self) -> str:
        try:
            return str(self.states(self.state).label)
        except ValueError:
            return self.state


class OutcomeKind(models.TextChoices):
    JUDGMENT = "judgment", _("Judgment")
    RULING = "ruling", _("Ruling")
    MEDIATION = "mediation", _("Mediation statement")


class OutcomeType(Category):
    """A way a court concludes a suit, and whether it counts as a loss (败诉) in the statistics.

    DOMAIN §2 (tag U): 撤销, 部分撤销, 变更, 确认违法, 确认无效, 责令履行 and 给付 count as losses; 驳回诉讼请求,
    撤诉 and 驳回起诉 do not. Seeded by a data migration; an administrator may change the flag to follow
    the local 法治政府 assessment rules."""

    kind = models.CharField(_("kind"), max_length=16, choices=OutcomeKind.choices)
    is_loss = models.BooleanField(_("counts as a loss"), default=False)
    basis = models.CharField(_("legal basis"), max_length=120, blank=True)

    class Meta(Category.Meta):
        verbose_name = _("outcome type")
        verbose_name_plural = _("outcome types")
        ordering = ["sort", "code"]

    @property
    def appeal_days_rule(self) -> str | None:
        """The appeal clock a first-instance decision of this kind starts (行政诉讼法 第八十五条)."""
        return {OutcomeKind.JUDGMENT: "litigation.appeal_judgment",
                OutcomeKind.RULING: "litigation.appeal_ruling"}.get(self.kind)


class Suit(StateLabelMixin, Case):
    """One court proceeding against the district government or a district agency (unit = handling unit)."""

    states = SuitState

    tier = models.CharField(_("instance"), max_length=16, choices=Instance.choices, default=Instance.FIRST)
    previous = models.ForeignKey("self", verbose_name=_("previous instance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="next_instances")
    court = models.ForeignKey("core.Unit", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+",
                              limit_choices_to={"kind": "court"})
    court_case_number = models.CharField(_("court case number"), max_length=60, validators=[validate_court_number])
    filed_on = models.DateField(_("filed by the court on"), null=True, blank=True)
    received_on = models.DateField(_("copy received on"), db_index=True,
                                   help_text=_("The day the complaint, appeal or retrial application copy was served."))
    plaintiffs = models.ManyToManyField("core.Party", verbose_name=_("plaintiffs"), related_name="litigation_suits")
    defendant = models.ForeignKey("core.Unit", verbose_name=_("defendant"), on_delete=models.PROTECT,
                                  related_name="+")
    co_defendants = models.ManyToManyField("core.Unit", verbose_name=_("co-defendants"), blank=True,
                                           related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency responsible"), on_delete=models.PROTECT,
                               related_name="+",
                               help_text=_("The agency whose act is challenged and which prepares the defence."))
    against_government = models.BooleanField(
        _("district government is a defendant"), default=False, db_index=True, editable=False,
        help_text=_("Set by the services from the defendant and co-defendants."))
    act_kind = models.CharField(_("kind of act challenged in court"), max_length=20, choices=ActKind.choices, default=ActKind.OTHER)
    challenged_act = models.CharField(_("act challenged in court"), max_length=300)
    claims = models.TextField(_("claims"), blank=True)
    via_reconsideration = models.BooleanField(_("reconsidered before the suit"), default=False)
    reconsideration_note = models.CharField(_("reconsideration decision"), max_length=200, blank=True)
    # the answer (XS 67)
    answered_on = models.DateField(_("answer submitted on"), null=True, blank=True)
    defence = models.TextField(_("grounds of defence"), blank=True)
    evidence = models.TextField(_("evidence and normative documents submitted"), blank=True)
    # the conclusion
    concluded_on = models.DateField(_("concluded by the court on"), null=True, blank=True, db_index=True)
    appealed_by = models.CharField(_("appealed by"), max_length=16, blank=True)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("suit")
        verbose_name_plural = _("suits")
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["court", "court_case_number"], name="uniq_court_case_number")]
        indexes = [models.Index(fields=["received_on", "id"]), models.Index(fields=["concluded_on", "id"])]

    def __str__(self) -> str:
        return self.court_case_number or self.number

    def get_absolute_url(self) -> str:
        return reverse("litigation:detail", args=[self.pk])


class Decision(models.Model):
    """The court's decision that concludes a suit (judgment, ruling or mediation statement)."""

    class Disposition(models.TextChoices):
        UPHELD = "upheld", _("Appeal dismissed, decision upheld")
        AMENDED = "amended", _("Decision amended")
        REMANDED = "remanded", _("Remanded for retrial")

    suit = models.OneToOneField(Suit, verbose_name=_("suit"), on_delete=models.CASCADE, related_name="decision")
    outcome = models.ForeignKey(OutcomeType, verbose_name=_("outcome"), on_delete=models.PROTECT, related_name="+")
    disposition = models.CharField(_("disposition of the decision appealed"), max_length=16,
                                   choices=Disposition.choices, blank=True)
    decided_on = models.DateField(_("decided on"))
    served_on = models.DateField(_("served on"), null=True, blank=True)
    appealable = models.BooleanField(_("appealable"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    after_coordination = models.BooleanField(_("after coordination"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.suit}: {self.outcome}"


class HeadRank(models.TextChoices):
    """Who appeared, against 负责人出庭应诉规定 第二条."""

    PRINCIPAL = "principal", _("Principal head")
    DEPUTY = "deputy", _("Deputy head")
    DEPUTY_RANK_IN_CHARGE = "deputy_rank", _("Deputy-rank leader in charge of the matter")
    OTHER_IN_CHARGE = "other_in_charge", _("Other leader in charge of the matter")
    ENTRUSTED_BODY_HEAD = "entrusted_body", _("Head of an entrusted body or lower-level agency")


# 负责人出庭应诉规定 第二条: only these count as the sued agency's 负责人.
QUALIFYING_RANKS = (HeadRank.PRINCIPAL, HeadRank.DEPUTY, HeadRank.DEPUTY_RANK_IN_CHARGE, HeadRank.OTHER_IN_CHARGE)


class AbsenceReason(models.TextChoices):
    """Proper reasons a head cannot appear (负责人出庭应诉规定 第八条)."""

    FORCE_MAJEURE = "force_majeure", _("Force majeure")
    ACCIDENT = "accident", _("Accident")
    OFFICIAL_DUTY = "official_duty", _("Official duty no one else can perform")
    OTHER = "other", _("Other proper reason")


class Hearing(models.Model):
    """A court hearing of a suit, scheduled and then held, with who appeared for the agency."""

    suit = models.ForeignKey(Suit, verbose_name=_("suit"), on_delete=models.CASCADE, related_name="hearings")
    court = models.ForeignKey("core.Unit", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("appearing agency"), on_delete=models.PROTECT,
                               related_name="+", help_text=_("The defendant whose head is to appear."))
    scheduled_on = models.DateField(_("hearing date"), db_index=True)
    summons_served_on = models.DateField(_("summons served on"), null=True, blank=True)
    held = models.BooleanField(_("held"), default=False)
    held_on = models.DateField(_("held on"), null=True, blank=True, db_index=True)
    head_appeared = models.BooleanField(_("agency head appeared"), default=False)
    head_name = models.CharField(_("name of the head"), max_length=60, blank=True)
    head_post = models.CharField(_("post of the head"), max_length=80, blank=True)
    head_rank = models.CharField(_("rank of the head"), max_length=20, choices=HeadRank.choices, blank=True)
    staff = models.TextField(_("staff entrusted"), blank=True, help_text=_("One per line: name and post."))
    lawyers = models.TextField(_("lawyers entrusted"), blank=True, help_text=_("One per line: name and law firm."))
    absence_reason = models.CharField(_("why the head did not appear"), max_length=20,
                                      choices=AbsenceReason.choices, blank=True)
    absence_explanation = models.TextField(_("explanation"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager()
    scope_field = "suit__unit"

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"{self.suit} · {self.held_on or self.scheduled_on}"

    @property
    def head_counts(self) -> bool:
        """The person who appeared counts as the agency's 负责人 (负责人出庭应诉规定 第二条)."""
        return self.held and self.head_appeared and self.head_rank in QUALIFYING_RANKS

    @property
    def summons_late(self) -> bool:
        """The summons came fewer than three days before the hearing (负责人出庭应诉规定 第五条第二款)."""
        from datetime import timedelta

        day = self.held_on or self.scheduled_on
        return bool(self.summons_served_on and self.summons_served_on > day - timedelta(days=3))


class Coordination(models.Model):
    """An effort to settle the dispute (协调化解), by talks with the plaintiff, the agency and the court."""

    class Result(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        RESOLVED = "resolved", _("Resolved")
        FAILED = "failed", _("Not resolved")

    suit = models.ForeignKey(Suit, verbose_name=_("suit"), on_delete=models.CASCADE, related_name="coordinations")
    held_on = models.DateField(_("date"))
    participants = models.CharField(_("participants"), max_length=300)
    content = models.TextField(_("what was done"))
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, default=Result.ONGOING)

    class Meta:
        verbose_name = _("coordination")
        verbose_name_plural = _("coordinations")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.suit} · {self.held_on}"


class SuggestionKind(Versioned):
    """A kind of judicial suggestion and the time the recipient has to answer it.

    行政诉讼法解释 第一百四十九条第四款 sets 60 days for a suggestion on a normative document; for other
    suggestions the law sets no period (行政诉讼法 第九十六条 says only "将处理情况告知人民法院"), so their
    reply time is local practice and marked so."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    reply_days = models.PositiveIntegerField(_("days to reply"))
    basis = models.CharField(_("basis"), max_length=200)
    statutory = models.BooleanField(_("set by law"), default=False,
                                    help_text=_("Unticked: the period is local practice, not law."))
    sort = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of judicial suggestion")
        verbose_name_plural = _("kinds of judicial suggestion")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def rule_key(self) -> str:
        return f"litigation.suggestion_reply.{self.code}"


class SuggestionState(models.TextChoices):
    RECEIVED = "received", _("Awaiting reply")
    REPLIED = "replied", _("Replied")


class JudicialSuggestion(StateLabelMixin, Case):
    """A judicial suggestion (司法建议) sent by a court to the district government or an agency."""

    states = SuggestionState

    court = models.ForeignKey("core.Unit", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    suit = models.ForeignKey(Suit, verbose_name=_("suit"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="suggestions")
    kind = models.ForeignKey(SuggestionKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("addressee"), on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("date received"))
    content = models.TextField(_("content"))
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("judicial suggestion")
        verbose_name_plural = _("judicial suggestions")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("litigation:suggestion", args=[self.pk])


class CityReconsiderationState(models.TextChoices):
    RECEIVED = "received", _("Awaiting reply")
    REPLIED = "replied", _("Replied")
    DECIDED = "decided", _("Decided")


class CityOutcome(models.TextChoices):
    """Decisions of the city reconsideration authority (行政复议法 第六十三条至第六十九条)."""

    VARY = "vary", _("Varied")
    ANNUL = "annul", _("Annulled")
    CONFIRM_UNLAWFUL = "confirm_unlawful", _("Confirmed unlawful")
    ORDER_PERFORMANCE = "order_performance", _("Performance ordered")
    CONFIRM_VOID = "confirm_void", _("Confirmed void")
    UPHOLD = "uphold", _("Upheld")
    REJECT = "reject", _("Request rejected")
    MEDIATED = "mediated", _("Mediated")
    TERMINATED = "terminated", _("Terminated (withdrawn)")


# Direct correction (直接纠错, DOMAIN B): 变更, 撤销, 确认违法, 责令履行, 确认无效 (行政复议法 第六十三条至第六十七条).
CORRECTING_OUTCOMES = (CityOutcome.VARY, CityOutcome.ANNUL, CityOutcome.CONFIRM_UNLAWFUL,
                       CityOutcome.ORDER_PERFORMANCE, CityOutcome.CONFIRM_VOID)


class CityReconsideration(StateLabelMixin, Case):
    """A reconsideration at city level in which the district government is the respondent (以区政府为被申请人)."""

    states = CityReconsiderationState

    authority = models.CharField(_("reconsideration authority"), max_length=80)  # litigation.district
    city_case_number = models.CharField(_("city case number"), max_length=60)
    applicants = models.ManyToManyField("core.Party", verbose_name=_("applicants"), related_name="+")
    respondent = models.ForeignKey("core.Unit", verbose_name=_("respondent"), on_delete=models.PROTECT,
                                   related_name="+")
    agency = models.ForeignKey("core.Unit", verbose_name=_("agency responsible"), on_delete=models.PROTECT,
                               related_name="+")
    challenged_act = models.CharField(_("challenged act"), max_length=300)
    received_on = models.DateField(_("application copy received on"), db_index=True)
    replied_on = models.DateField(_("reply submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CityOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("city-level reconsideration")
        verbose_name_plural = _("city-level reconsiderations")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.city_case_number

    def get_absolute_url(self) -> str:
        return reverse("litigation:city", args=[self.pk])

    @property
    def corrected(self) -> bool:
        return self.outcome in CORRECTING_OUTCOMES


class Session(models.Model):
    """A 三合一 session: agency leaders attend a hearing, watch it and hear the judges' review (出庭、旁听、讲评)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT,
                             related_name="+")
    held_on = models.DateField(_("date"))
    suit = models.ForeignKey(Suit, verbose_name=_("case heard"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="sessions")
    court = models.ForeignKey("core.Unit", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    leaders = models.TextField(_("leaders attending"), help_text=_("One per line: name and post."))
    units = models.ManyToManyField("core.Unit", verbose_name=_("units attending"), related_name="+")
    reviewer = models.CharField(_("review given by"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()

    class Meta:
        verbose_name = _("appearance-attendance-review session")
        verbose_name_plural = _("appearance-attendance-review sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} · {self.held_on}"
