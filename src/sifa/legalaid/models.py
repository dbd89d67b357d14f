"""Legal aid (法律援助) and the 12348 public legal-service line: the data and its invariants.

A `LegalAidCase` is one matter of legal aid: an application (依申请, 法律援助法 第三十八条至第四十三条) reviewed
and decided by the legal-aid centre, or a notification (通知辩护/代理, 第二十五条、第二十八条、第三十六条) from a
court, procuratorate or public-security organ, which needs no decision. Its parts: the economic-hardship checks
(`HardshipCheck`, each keeping its inputs and the dated standard it used), the progress reports of the assigned
lawyer and the objections to a refusal or a termination (第四十九条). The hardship standard is district data
(`HardshipStandard`, 第三十四条: set by the province and adjusted dynamically).

A `Consultation` is one contact on any channel (12348 call, walk-in visit, online, letter; 第二十三条) with the
answer given, a referral, and a callback request with its time limit and up to three attempts.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sifa.core.cases import Case
from sifa.core.files import RandomName, private_storage
from sifa.core.locking import Versioned
from sifa.core.models.scoping import ScopedManager


class State(models.TextChoices):
    RECEIVED = "received", _("Under review")
    MATERIALS_REQUESTED = "materials_requested", _("Materials requested")
    GRANTED = "granted", _("Granted, to be assigned")
    ASSIGNED = "assigned", _("Assigned, in progress")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Deemed withdrawn")
    CLOSED = "closed", _("Closed")
    TERMINATED = "terminated", _("Terminated")
    REFUSAL_OBJECTED = "refusal_objected", _("Objection to the refusal under review")
    TERMINATION_OBJECTED = "termination_objected", _("Objection to the termination under review")


class Source(models.TextChoices):
    APPLICATION = "application", _("Application")
    NOTIFICATION = "notification", _("Notification")


class Channel(models.TextChoices):
    """How an application came in (第三十八条、第三十九条; online: 一网通办)."""

    WINDOW = "window", _("At the window")
    ONLINE = "online", pgettext_lazy("application channel", "Online")
    FORWARDED = "forwarded", _("Forwarded for a person in custody")
    NOTICE = "notice", _("Notice of a court, procuratorate or police")


class MatterType(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrative")
    STATE_COMPENSATION = "state_compensation", pgettext_lazy("legal aid", "State compensation")
    NON_LITIGATION = "non_litigation", _("Non-litigation")


class ServiceForm(models.TextChoices):
    """The forms of legal-aid service (法律援助法 第二十二条) that make a case (consultation is kept apart)."""

    DRAFTING = "drafting", _("Drafting legal documents")
    CRIMINAL_DEFENCE = "criminal_defence", _("Criminal defence")
    CRIMINAL_REPRESENTATION = "criminal_representation", _("Representation in a criminal case")
    LITIGATION = "litigation", _("Litigation representation")
    NON_LITIGATION = "non_litigation", _("Non-litigation representation")
    LABOUR = "labour", _("Labour mediation and arbitration representation")
    OTHER = "other", _("Other form")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Legal aid granted")
    PROVISIONAL = "provisional", _("Legal aid provided provisionally")
    REFUSED = "refused", _("Legal aid refused")


class NotifyingOrgan(models.TextChoices):
    COURT = "court", _("People's court")
    PROCURATORATE = "procuratorate", _("People's procuratorate")
    POLICE = "police", _("Public security organ")


class MandatoryGround(models.TextChoices):
    """Who must have a defender appointed on notification (第二十五条第一款、第二十八条)."""

    MINOR = "1", _("(1) a minor")
    SENSORY = "2", _("(2) blind, deaf or mute")
    CAPACITY = "3", _("(3) an adult who cannot fully understand their conduct")
    LIFE_OR_DEATH = "4", _("(4) may be sentenced to life imprisonment or death")
    DEATH_REVIEW = "5", _("(5) death-penalty review, on application")
    ABSENTIA = "6", _("(6) trial in absentia")
    OTHER_LAW = "7", _("(7) other persons under laws and regulations")
    ORDINARY = "25-2", _("Other case tried under the ordinary procedure (Art 25 ¶2)")
    COMPULSORY_TREATMENT = "28", _("Compulsory medical treatment (Art 28)")


class RefusalGround(models.TextChoices):
    NOT_HARDSHIP = "not_hardship", _("Not in economic hardship")
    OUT_OF_SCOPE = "out_of_scope", _("The matter is not within the scope of legal aid")
    NO_BASIS = "no_basis", _("No legal basis for the claim")
    NOT_COMPETENT = "not_competent", _("Another legal-aid body is competent")
    OTHER = "other", _("Other reason")


class ProvisionalGround(models.TextChoices):
    """先行提供法律援助 (第四十四条)."""

    DEADLINE = "1", _("(1) less than seven days before a limitation or time limit expires")
    PRESERVATION = "2", _("(2) preservation or advance execution must be applied for at once")
    OTHER = "3", _("(3) other circumstances under laws and regulations")


class TerminationGround(models.TextChoices):
    """终止法律援助 (第四十八条)."""

    FRAUD = "1", _("(1) aid obtained by deception or other improper means")
    CONCEALMENT = "2", _("(2) important facts concealed or false evidence given")
    ILLEGAL_USE = "3", _("(3) legal aid used for illegal activities")
    NO_LONGER_ELIGIBLE = "4", _("(4) economic situation changed, no longer eligible")
    PROCEEDINGS_ENDED = "5", _("(5) the proceedings ended or the case was withdrawn")
    OWN_LAWYER = "6", _("(6) the aided person engaged a lawyer or agent")
    REQUESTED = "7", _("(7) the aided person asked to end it for a proper reason")
    OTHER_LAW = "8", _("(8) other circumstances under laws and regulations")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Decision upheld")
    CORRECTED = "corrected", _("Centre ordered to correct it")


class HardshipStandard(Versioned):
    """The economic-hardship standard in force from a day (法律援助法 第三十四条; 法律援助条例 第十三条: the
    standard of the place of the centre that receives the application). District data, edited in the admin; a
    check uses the version in force on the day of the application and records which it used."""

    region = models.CharField(_("region"), max_length=60, default="上海市")
    effective_from = models.DateField(_("in force from"), unique=True)
    monthly_income_per_capita = models.DecimalField(
        _("monthly disposable income per household member (yuan)"), max_digits=10, decimal_places=2,
        help_text=_("A household at or below this per person per month is in economic hardship."))
    property_test = models.TextField(_("property test"), blank=True,
                                     help_text=_("What the household's property must not exceed, as the rule says."))
    basis = models.CharField(_("legal basis"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("economic-hardship standard")
        verbose_name_plural = _("economic-hardship standards")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.region} {self.effective_from:%Y-%m-%d} ¥{self.monthly_income_per_capita}"


class LegalAidCase(Case):
    states = State

    source = models.CharField(pgettext_lazy("legal aid", "source"), max_length=16, choices=Source.choices, db_index=True)
    channel = models.CharField(pgettext_lazy("legal aid", "channel"), max_length=16, choices=Channel.choices)
    matter_type = models.CharField(_("matter type"), max_length=20, choices=MatterType.choices, db_index=True)
    service_form = models.CharField(_("form of service"), max_length=24, choices=ServiceForm.choices)
    applicant = models.ForeignKey("core.Party", verbose_name=_("applicant or aided person"),
                                  on_delete=models.PROTECT, related_name="+")
    matter = models.TextField(pgettext_lazy("legal aid", "the matter"), help_text=_("What the applicant needs help with."))
    opposing_party = models.CharField(_("opposing party"), max_length=120, blank=True)
    handling_organ = models.CharField(_("handling organ"), max_length=120, blank=True,
                                      help_text=_("The court, procuratorate, arbitration body or agency handling it."))
    received_on = models.DateField(_("received on"), db_index=True)
    # an online application's receipt: with the applicant's mobile number, the citizen follows it on the portal
    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True, null=True, blank=True)
    # notification (通知辩护/代理)
    notifying_organ = models.CharField(_("notifying organ"), max_length=16, choices=NotifyingOrgan.choices,
                                       blank=True)
    notifying_unit = models.ForeignKey("core.Unit", verbose_name=_("notifying body"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    notice_number = models.CharField(_("notice number"), max_length=80, blank=True)
    mandatory_ground = models.CharField(_("mandatory ground"), max_length=8, choices=MandatoryGround.choices,
                                        blank=True)
    # one-time notice for materials (第四十三条第二款)
    materials_requested = models.TextField(_("materials requested"), blank=True)
    materials_due = models.DateField(_("materials due by"), null=True, blank=True)
    materials_notice_number = models.CharField(_("notice of materials number"), max_length=60, blank=True)
    # the decision (第四十三条、第四十四条)
    decision = models.CharField(pgettext_lazy("legal aid", "decision"), max_length=16, choices=Decision.choices, blank=True, db_index=True)
    decided_on = models.DateField(pgettext_lazy("legal aid", "decided on"), null=True, blank=True, db_index=True)
    decided_in_time = models.BooleanField(_("decided within the time limit"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    refusal_ground = models.CharField(_("ground of refusal"), max_length=20, choices=RefusalGround.choices,
                                      blank=True)
    refusal_reasons = models.TextField(_("reasons for the refusal"), blank=True)
    provisional_ground = models.CharField(_("ground for provisional aid"), max_length=2,
                                          choices=ProvisionalGround.choices, blank=True)
    # accepted: the day aid was granted (or provided provisionally), or the notice received: the figure's date
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    # assignment (指派)
    law_firm = models.ForeignKey("core.Unit", verbose_name=_("law firm"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    lawyer = models.CharField(_("assigned lawyer"), max_length=60, blank=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True, db_index=True)
    assigned_in_time = models.BooleanField(_("assigned within the time limit"), null=True, blank=True)
    assignment_number = models.CharField(_("assignment notice number"), max_length=60, blank=True)
    roster_lawyer = models.ForeignKey("legalaid.RosterLawyer", verbose_name=_("roster lawyer"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="cases")
    rotation_skipped = models.JSONField(_("skipped in the rotation"), default=list, blank=True)
    # the end
    outcome = models.TextField(pgettext_lazy("legal aid", "outcome"), blank=True)
    termination_ground = models.CharField(_("ground of termination"), max_length=2,
                                          choices=TerminationGround.choices, blank=True)
    termination_reasons = models.TextField(_("reasons for the termination"), blank=True)
    termination_number = models.CharField(_("termination decision number"), max_length=60, blank=True)
    # the letter to the handling organ, the closing review and the subsidy's approval (documents' numbers)
    letter_number = models.CharField(_("legal-aid letter number"), max_length=60, blank=True)
    letter_sent_on = models.DateField(_("letter sent on"), null=True, blank=True)
    review_number = models.CharField(_("closing review number"), max_length=60, blank=True)
    subsidy_number = models.CharField(_("subsidy approval number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("legal-aid case")
        verbose_name_plural = _("legal-aid cases")
        permissions = [
            ("handle_legalaidcase", _("Can review, decide and assign legal-aid cases")),
            ("decide_objection", _("Can decide objections to legal-aid decisions (the justice bureau)")),
        ]
        indexes = [models.Index(fields=["unit", "state", "received_on"], name="legalaid_case_list")]

    def __str__(self) -> str:
        return f"{self.number or _('legal-aid case')} {self.applicant.name if self.applicant_id else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("legalaid:detail", args=[self.pk])

    def get_state_display(self) -> str:
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state


class RosterLawyer(models.Model):
    """A lawyer on the centre's roster of legal-aid lawyers (法律援助法 第十六条: law firms and lawyers are bound to
    provide legal aid; 第十四条、第三十条: duty lawyers stationed at courts, procuratorates and detention centres). Assignment by
    rotation takes the active lawyer who has waited longest among those taking the case's matter type; `capacity`
    bounds the cases in hand."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("legal-aid centre"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    law_firm = models.ForeignKey("core.Unit", verbose_name=_("law firm"), on_delete=models.PROTECT, related_name="+")
    matter_types = models.JSONField(_("matter types taken"), default=list, blank=True,
                                    help_text=_("Codes of the matter types (criminal, civil, …); empty: all."))
    capacity = models.PositiveSmallIntegerField(_("cases in hand at most"), default=10)
    duty_post = models.CharField(_("duty post"), max_length=120, blank=True,
                                 help_text=_("Where the lawyer serves as duty lawyer (a court, a detention centre)."))
    position = models.PositiveIntegerField(_("place in the rotation"), default=0)
    last_assigned_on = models.DateField(_("last assigned on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("roster lawyer")
        verbose_name_plural = _("roster lawyers")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "law_firm", "name"], name="legalaid_roster_once")]

    def __str__(self) -> str:
        return f"{self.name}（{self.law_firm.name if self.law_firm_id else ''}）"


class DeclaredConflict(models.Model):
    """A conflict of interest a roster lawyer declared: with a person or organisation (by name), so that rotation
    skips the lawyer for a case where that name is a party."""

    lawyer = models.ForeignKey(RosterLawyer, verbose_name=_("lawyer"), on_delete=models.CASCADE,
                               related_name="conflicts")
    party_name = models.CharField(_("person or organisation"), max_length=120)
    reason = models.CharField(_("reason"), max_length=200)
    declared_on = models.DateField(_("declared on"))

    objects = ScopedManager()
    scope_field = "lawyer__unit"

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")

    def __str__(self) -> str:
        return f"{self.lawyer.name}: {self.party_name}"


class SubsidyRate(Versioned):
    """The tariff of the case subsidy paid to the assigned lawyer, by form of service, in force from a day (法律援助法
    第五十二条: set by the province's justice department with its finance department and adjusted dynamically).
    District data, edited in the admin; a closing review records the rate it used."""

    service_form = models.CharField(_("form of service"), max_length=24, choices=ServiceForm.choices)
    effective_from = models.DateField(_("in force from"))
    amount = models.DecimalField(_("subsidy per case (yuan)"), max_digits=10, decimal_places=2)
    basis = models.CharField(_("legal basis"), max_length=200)

    class Meta:
        verbose_name = _("subsidy rate")
        verbose_name_plural = _("subsidy rates")
        ordering = ["service_form", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["service_form", "effective_from"], name="legalaid_rate_once")]

    def __str__(self) -> str:
        return f"{self.get_service_form_display()} {self.effective_from:%Y-%m-%d} ¥{self.amount}"


class EvaluationSheet(Versioned):
    """The scoring sheet of the quality evaluation of a closed case (法律援助法 第五十九条: file review, hearing
    attendance, the judicial organs' views, the aided person's callback), in force from a day. `items` is a list of
    {"code", "label", "max"}; the grade follows from the total; a failed case's subsidy is paid at
    `fail_subsidy_percent` of the rate. District data, edited in the admin."""

    effective_from = models.DateField(_("in force from"), unique=True)
    name = models.CharField(pgettext_lazy("sheet", "name"), max_length=120)
    items = models.JSONField(_("items"))
    good_mark = models.PositiveSmallIntegerField(_("score for a good grade"), default=90)
    pass_mark = models.PositiveSmallIntegerField(_("score to pass"), default=60)
    fail_subsidy_percent = models.PositiveSmallIntegerField(_("subsidy paid for a failed case (%)"), default=0)
    basis = models.CharField(_("legal basis"), max_length=200)

    class Meta:
        verbose_name = _("evaluation sheet")
        verbose_name_plural = _("evaluation sheets")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} {self.effective_from:%Y-%m-%d}"

    @property
    def full_marks(self) -> int:
        return sum(int(i["max"]) for i in self.items)

    def clean(self):
        from django.core.exceptions import ValidationError

        ok = isinstance(self.items, list) and self.items and all(
            isinstance(i, dict) and str(i.get("code", "")).strip() and str(i.get("label", "")).strip()
            and isinstance(i.get("max"), int) and i["max"] > 0 for i in self.items)
        if not ok:
            raise ValidationError({"items": _('A list of items, each {"code": "1", "label": "…", "max": 20}.')})
        if len({str(i["code"]) for i in self.items}) != len(self.items):
            raise ValidationError({"items": _("Each item needs its own code.")})
        if not self.pass_mark <= self.good_mark <= self.full_marks:
            raise ValidationError({"pass_mark": _("The pass mark, the good mark and the full marks must rise in "
                                                  "that order.")})
        if self.fail_subsidy_percent > 100:
            raise ValidationError({"fail_subsidy_percent": _("At most 100.")})


class Grade(models.TextChoices):
    GOOD = "good", pgettext_lazy("quality grade", "Good")
    PASS = "pass", pgettext_lazy("quality grade", "Pass")
    FAIL = "fail", pgettext_lazy("quality grade", "Fail")


class Evaluation(models.Model):
    """The closing review of a closed case (结案审查, 法律援助法 第五十条、第五十九条) with its quality score on the
    sheet in force on the closing day, and the subsidy it yields (第五十二条) on the tariff then in force: the inputs,
    the sheet and the rate are kept, so the amount can be re-run and explained. Approved once (补贴审批)."""

    case = models.OneToOneField(LegalAidCase, verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="evaluation")
    reviewed_on = models.DateField(_("reviewed on"))
    sheet = models.ForeignKey(EvaluationSheet, verbose_name=_("evaluation sheet"), on_delete=models.PROTECT,
                              related_name="+")
    scores = models.JSONField(_("scores"))
    total = models.PositiveSmallIntegerField(_("total score"))
    grade = models.CharField(pgettext_lazy("quality grade", "grade"), max_length=8, choices=Grade.choices, db_index=True)
    opinion = models.TextField(_("review opinion"))
    rate = models.ForeignKey(SubsidyRate, verbose_name=_("subsidy rate"), on_delete=models.PROTECT,
                             related_name="+")
    subsidy = models.DecimalField(_("subsidy (yuan)"), max_digits=10, decimal_places=2)
    subsidy_explanation = models.CharField(_("how the subsidy is computed"), max_length=300)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_on = models.DateField(_("subsidy approved on"), null=True, blank=True, db_index=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "case__unit"

    class Meta:
        verbose_name = _("closing review")
        verbose_name_plural = _("closing reviews")

    def __str__(self) -> str:
        return f"{self.reviewed_on:%Y-%m-%d} {self.total} {self.get_grade_display()}"

    def score_rows(self) -> list[tuple[str, int, int]]:
        """(label, points given, maximum) of each item of the sheet."""
        return [(i["label"], self.scores.get(str(i["code"]), 0), i["max"]) for i in self.sheet.items]


class HardshipMethod(models.TextChoices):
    PLEDGE = "pledge", _("Personal integrity pledge")
    INFORMATION_SHARING = "information_sharing", _("Information-sharing query")
    EXEMPT = "exempt", _("Exempt from the check")


class ExemptGround(models.TextChoices):
    """No hardship condition (第三十二条) or no check of it (第四十二条)."""

    MARTYR_RELATIVE = "32-1", _("Art 32 (1): a close relative of a hero or martyr defending their rights")
    GOOD_SAMARITAN = "32-2", _("Art 32 (2): civil rights arising from a good-samaritan act")
    ACQUITTAL = "32-3", _("Art 32 (3): state compensation after acquittal on retrial")
    ABUSE_VICTIM = "32-4", _("Art 32 (4): a victim of abuse, abandonment or domestic violence")
    NO_INCOME_GROUP = "42-1", _("Art 42 (1): a minor, elderly or disabled person without fixed income")
    ASSISTANCE = "42-2", _("Art 42 (2): a recipient of social, judicial or special-care assistance")
    MIGRANT_WORKER = "42-3", _("Art 42 (3): a migrant worker claiming pay or work-injury damages")
    OTHER = "other", _("Other persons under laws and regulations")


class HardshipResult(models.TextChoices):
    ELIGIBLE = "eligible", _("In economic hardship")
    EXEMPT = "exempt", _("Exempt")
    NOT_ELIGIBLE = "not_eligible", _("Not in economic hardship")
    INCOMPLETE = "incomplete", _("Answers missing")


class HardshipCheck(models.Model):
    """One economic-hardship check (第四十一条、第四十二条): what was answered, the standard in force that it used,
    and its result with the reasons, so that any decision can be re-run and explained."""

    case = models.ForeignKey(LegalAidCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("checked on"))
    method = models.CharField(pgettext_lazy("legal aid", "method"), max_length=24, choices=HardshipMethod.choices)
    exempt_ground = models.CharField(_("exempt ground"), max_length=8, choices=ExemptGround.choices, blank=True)
    household_size = models.PositiveSmallIntegerField(_("household members"), null=True, blank=True)
    household_monthly_income = models.DecimalField(_("household monthly disposable income (yuan)"), max_digits=12,
                                                   decimal_places=2, null=True, blank=True)
    property_within_limit = models.BooleanField(_("property within the limit"), null=True, blank=True)
    pledge_signed = models.BooleanField(_("integrity pledge signed"), default=False)
    standard = models.ForeignKey(HardshipStandard, verbose_name=_("standard used"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    income_per_capita = models.DecimalField(_("income per household member"), max_digits=12, decimal_places=2,
                                            null=True, blank=True)
    result = models.CharField(pgettext_lazy("legal aid", "result"), max_length=16, choices=HardshipResult.choices)
    missing = models.JSONField(_("answers missing"), default=list, blank=True)
    explanation = models.TextField(_("explanation"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "case__unit"

    class Meta:
        verbose_name = _("economic-hardship check")
        verbose_name_plural = _("economic-hardship checks")
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.checked_on} {self.get_result_display()}"


class ProgressReport(models.Model):
    """The assigned lawyer's report on the matter (第四十六条第二款、第五十条)."""

    case = models.ForeignKey(LegalAidCase, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="reports")
    reported_on = models.DateField(_("reported on"))
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    note = models.TextField(_("report"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "case__unit"

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reported_on:%Y-%m-%d} {self.stage}".strip()


class Objection(models.Model):
    """An objection to a refusal or a termination, decided by the justice bureau within five days (第四十九条)."""

    case = models.ForeignKey(LegalAidCase, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="objections")
    against = models.CharField(_("against"), max_length=16, choices=[(State.REFUSED, _("Refusal")),
                                                                      (State.TERMINATED, _("Termination"))])
    received_on = models.DateField(_("received on"))
    grounds = models.TextField(_("grounds of the objection"))
    outcome = models.CharField(pgettext_lazy("legal aid", "outcome"), max_length=16, choices=ObjectionOutcome.choices, blank=True)
    decided_on = models.DateField(pgettext_lazy("legal aid", "decided on"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)

    objects = ScopedManager()
    scope_field = "case__unit"

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.get_against_display()}"


# --- consultations (法律咨询, 12348) ---------------------------------------------------------------------------

class ConsultationChannel(models.TextChoices):
    """第二十三条: service window, telephone, network; the channel codes of the 12348 platform."""

    CALL_12348 = "call_12348", _("12348 call")
    WALK_IN = "walk_in", _("Walk-in visit")
    ONLINE = "online", pgettext_lazy("consultation channel", "Online")
    LETTER = "letter", _("Letter")


class ConsultationCategory(models.TextChoices):
    MARRIAGE_FAMILY = "marriage_family", _("Marriage and family")
    LABOUR = "labour", _("Labour and social insurance")
    HOUSING = "housing", _("Housing and property")
    CONTRACT = "contract", _("Contracts and debts")
    TORT = "tort", _("Personal injury and damages")
    CONSUMER = "consumer", _("Consumer rights")
    CRIMINAL = "criminal", _("Criminal matters")
    ADMINISTRATIVE = "administrative", _("Administrative matters")
    LEGAL_AID = "legal_aid", _("Legal-aid conditions and procedure")
    OTHER = "other", _("Other")


class Referral(models.TextChoices):
    NONE = "", _("None")
    LEGAL_AID = "legal_aid", _("Apply for legal aid")
    MEDIATION = "mediation", _("People's mediation")
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    ARBITRATION = "arbitration", _("Labour arbitration")
    COURT = "court", _("Court")
    AGENCY = "agency", _("Another agency")


class Satisfaction(models.TextChoices):
    NOT_ASKED = "", _("Not asked")
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


MAX_CALLBACK_ATTEMPTS = 3


class Consultation(models.Model):
    """One consultation on any channel. Thousands a month: written in bulk from the hotline's records, kept plain
    (no row history) and indexed for the lists by unit, channel and day."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(pgettext_lazy("consultation", "channel"), max_length=16, choices=ConsultationChannel.choices)
    consulted_on = models.DateField(_("date"))
    external_id = models.CharField(_("record number in the hotline system"), max_length=60, blank=True)
    name = models.CharField(_("name of the person"), max_length=60, blank=True)
    persons = models.PositiveSmallIntegerField(_("persons"), default=1)
    category = models.CharField(_("category"), max_length=20, choices=ConsultationCategory.choices)
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer given"), blank=True)
    referral = models.CharField(_("referred to"), max_length=20, choices=Referral.choices, blank=True)
    referred_unit = models.ForeignKey("core.Unit", verbose_name=_("referred to unit"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    callback_requested = models.BooleanField(_("callback requested"), default=False)
    callback_due = models.DateField(_("callback due"), null=True, blank=True)
    callback_attempts = models.PositiveSmallIntegerField(_("callback attempts"), default=0)
    callback_done_on = models.DateField(_("called back on"), null=True, blank=True)
    callback_in_time = models.BooleanField(_("called back in time"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=16, choices=Satisfaction.choices, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=pgettext_lazy("consultation", "handled by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["unit", "consulted_on"], name="legalaid_consult_day"),
                   models.Index(fields=["channel", "consulted_on"], name="legalaid_consult_channel")]
        constraints = [models.UniqueConstraint(fields=["unit", "channel", "external_id"],
                                               condition=~models.Q(external_id=""), name="legalaid_consult_once"),
                       models.CheckConstraint(condition=models.Q(callback_attempts__lte=MAX_CALLBACK_ATTEMPTS),
                                              name="legalaid_callback_attempts_max")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.consulted_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("legalaid:consultation", args=[self.pk])

    @property
    def callback_open(self) -> bool:
        return (self.callback_requested and self.callback_done_on is None
                and self.callback_attempts < MAX_CALLBACK_ATTEMPTS)


MONEY_ZERO = Decimal("0.00")


# --- materials of an application (申请材料) -----------------------------------------------------------------------

class Material(models.Model):
    """A file of an application's materials (法律援助法 第四十一条; 法律援助条例 第十七条: the identity document,
    the statement of economic hardship, the papers of the matter): uploaded by the citizen with the online
    application or after a notice for materials, or by the centre from what was handed in. Kept in private
    storage under a random name (core.files); `name` keeps the original for display and download, which goes
    through the line's view only, within the user's scope."""

    case = models.ForeignKey(LegalAidCase, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="materials")
    file = models.FileField(_("file"), upload_to=RandomName("legalaid"), storage=private_storage, max_length=200)
    name = models.CharField(pgettext_lazy("file", "name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    from_applicant = models.BooleanField(_("submitted by the applicant online"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "case__unit"

    class Meta:
        verbose_name = _("application material")
        verbose_name_plural = _("application materials")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


# --- the duty schedule (值班表) ------------------------------------------------------------------------------------

class DutyPeriod(models.TextChoices):
    MORNING = "am", pgettext_lazy("duty period", "Morning")
    AFTERNOON = "pm", pgettext_lazy("duty period", "Afternoon")
    DAY = "day", pgettext_lazy("duty period", "All day")


class DutyHelpKind(models.TextChoices):
    """What a duty lawyer does (法律援助法 第三十条; 法律援助值班律师工作办法 第六条)."""

    CONSULTATION = "consultation", _("Legal consultation")
    APPLICATION = "application", _("Help to apply for legal aid")
    DRAFTING = "drafting", _("Drafting a legal document")
    PROCEDURE = "procedure", _("Advice on the choice of procedure")
    REFERRAL = "referral", _("Referral to another body")
    OTHER = "other", pgettext_lazy("duty help", "Other help")


# where duty lawyers serve: the centre's window, the justice offices, and the courts, procuratorates and
# detention centres (第十四条)
DUTY_PLACE_KINDS = ("legal_aid_centre", "justice_office", "court", "procuratorate", "public_security")


class DutyShift(models.Model):
    """One half-day or day of a roster lawyer on duty at a place (值班律师排班), planned by the centre in advance,
    then recorded as served or missed; the help given during it is in `DutyHelp`. A lawyer is on one duty at a
    time: (lawyer, day, period) is unique, and a whole day excludes the half-days (checked by the service)."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("legal-aid centre"), on_delete=models.PROTECT,
                             related_name="+")
    place = models.ForeignKey("core.Unit", verbose_name=_("duty place"), on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("duty date"))
    period = models.CharField(_("duty period"), max_length=4, choices=DutyPeriod.choices)
    lawyer = models.ForeignKey(RosterLawyer, verbose_name=_("duty lawyer"), on_delete=models.PROTECT,
                               related_name="shifts")
    served = models.BooleanField(_("served"), null=True, blank=True,
                                 help_text=_("Empty until recorded: served, or missed."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        ordering = ["on", "period", "pk"]
        indexes = [models.Index(fields=["unit", "on"], name="legalaid_duty_day")]
        constraints = [models.UniqueConstraint(fields=["lawyer", "on", "period"], name="legalaid_duty_once")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_period_display()} {self.lawyer.name if self.lawyer_id else ''}"

    def get_absolute_url(self) -> str:
        return reverse("legalaid:duty_shift", args=[self.pk])


class DutyHelp(models.Model):
    """Help a duty lawyer gave during a shift: its kind, the persons helped, the matter's category."""

    shift = models.ForeignKey(DutyShift, verbose_name=_("duty shift"), on_delete=models.CASCADE,
                              related_name="helps")
    kind = models.CharField(_("help given"), max_length=16, choices=DutyHelpKind.choices)
    persons = models.PositiveSmallIntegerField(_("persons helped"), default=1)
    category = models.CharField(_("category"), max_length=20, choices=ConsultationCategory.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()
    scope_field = "shift__unit"

    class Meta:
        verbose_name = _("help by a duty lawyer")
        verbose_name_plural = _("help by duty lawyers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ×{self.persons}"
