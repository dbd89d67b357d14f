"""The official figures of administrative reconsideration (DOMAIN §B, §1.6), each declared once with its
definition and computed by one aggregate query per model for a period and a unit subtree.

- Applications are counted by the day they were received and classified by how they left the review:
  received = resolved before acceptance + accepted (incl. deemed accepted) + not accepted (the table
  equation; an application still under review, or abandoned for want of correction, shows as a gap).
- Concluded (审结) cases are counted by the day they were concluded, whenever they were accepted;
  carried over: concluded in the period but accepted before the period's year began.
- The two rates are configurable (their official formulas are unverified, DOMAIN §1.6):
  settings.SIFA_RECONSIDERATION_RATES = {"correction_rate": (numerator, denominator), "resolution_rate": ...}.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import DIRECT_CORRECTION_TYPES, MEDIATED_OUTCOMES, HearingState, Outcome, ReviewOutcome

APP = "reconsideration.Application"
HEARING = "reconsideration.Hearing"
K = "reconsideration."

RATES = {
    "correction_rate": (K + "direct_corrections", K + "decided"),
    "resolution_rate": (K + "mediated", K + "concluded"),
    **getattr(settings, "SIFA_RECONSIDERATION_RATES", {}),
}


def _received(key, label, definition, q=None):
    return Count(K + key, label, definition=definition, model=APP, date_field="received_on", q=q or Q(),
                 basis="行政复议法 第三十条")


def _concluded(key, label, definition, q=None, basis=""):
    return Count(K + key, label, definition=definition, model=APP, date_field="concluded_on", q=q or Q(), basis=basis)


METRICS = MetricSet(
    line="reconsideration",
    label=_("Administrative reconsideration"),
    order=10,
    list_url_name="reconsideration:list",
    columns={
        APP: ["number", "unit__name", "received_on", "accepted_on", "concluded_on", "state", "channel",
              "act_kind__name", "subject_area__name", "respondent__name", "procedure", "outcome", "decision_type"],
        HEARING: ["case__number", "unit__name", "kind", "state", "held_on", "act_kind__name", "respondent__name",
                  "respondent_head_attended"],
    },
    metrics=[
        _received("received", _("Applications received"),
                  _("Applications received in the period, by any channel.")),
        _received("pre_acceptance_resolved", _("Resolved before acceptance"),
                  _("Applications received in the period that were resolved during the acceptance review "
                    "(案前化解)."), Q(review_outcome=ReviewOutcome.PRE_ACCEPTANCE_RESOLVED)),
        _received("accepted", _("Accepted"),
                  _("Applications received in the period that were accepted, including those deemed "
                    "accepted."), Q(review_outcome=ReviewOutcome.ACCEPTED)),
        _received("not_accepted", _("Not accepted"),
                  _("Applications received in the period that were refused by a decision not to accept."),
                  Q(review_outcome=ReviewOutcome.NOT_ACCEPTED)),
        _received("abandoned", _("Deemed abandoned"),
                  _("Applications received in the period deemed abandoned for want of correction (FY 31)."),
                  Q(review_outcome=ReviewOutcome.ABANDONED)),
        _received("under_review", _("Still under review"),
                  _("Applications received in the period whose review has not ended."),
                  Q(review_outcome=ReviewOutcome.PENDING)),
        _concluded("concluded", _("Cases concluded"),
                   _("Accepted cases concluded in the period (decision, mediation, termination), whenever "
                     "accepted.")),
        _concluded("carried_over_concluded", _("of which carried over"),
                   _("Cases concluded in the period that were accepted before the year the period starts in."),
                   Q(accepted_on__year__lt=ExtractYear(F("concluded_on")))),
        _concluded("mediated", _("Concluded by mediation"),
                   _("Cases concluded in the period by a mediation document or withdrawn after mediation "
                     "(调解终止)."), Q(outcome__in=MEDIATED_OUTCOMES), basis="行政复议法 第五条、第七十三条"),
        _concluded("settled_withdrawn", _("Settled or withdrawn"),
                   _("Cases concluded in the period by withdrawal, with or without a settlement, not after "
                     "mediation."), Q(outcome__in=[Outcome.SETTLEMENT, Outcome.WITHDRAWAL]),
                   basis="行政复议法 第四十一条第一项、第七十四条"),
        _concluded("decided", _("Concluded by decision"),
                   _("Cases concluded in the period by a reconsideration decision."),
                   Q(outcome=Outcome.DECISION), basis="行政复议法 第六十一条至第七十二条"),
        _concluded("direct_corrections", _("Direct corrections"),
                   _("Cases decided in the period by varying, annulling, confirming unlawful or void, or "
                     "ordering performance (直接纠错)."),
                   Q(outcome=Outcome.DECISION, decision_type__in=DIRECT_CORRECTION_TYPES),
                   basis="行政复议法 第六十三条至第六十七条"),
        Rate(K + "correction_rate", _("Correction rate"),
             _("Direct corrections ÷ cases concluded by decision, as a percentage with one decimal."),
             numerator=RATES["correction_rate"][0], denominator=RATES["correction_rate"][1], decimals=1),
        Rate(K + "resolution_rate", _("Dispute-resolution rate"),
             _("Cases concluded by mediation ÷ cases concluded, as a percentage with one decimal (矛盾化解率)."),
             numerator=RATES["resolution_rate"][0], denominator=RATES["resolution_rate"][1], decimals=1),
        Count(K + "hearings_interviews", _("Hearings and interviews"),
              definition=_("Hearings and interviews held in the period."), model=HEARING, date_field="held_on",
              q=Q(state=HearingState.HELD), unit_label="次", basis="行政复议法 第四十九条、第五十条"),
    ],
    equations=[Equation(_("received = resolved before acceptance + accepted + not accepted"), K + "received",
                        (K + "pre_acceptance_resolved", K + "accepted", K + "not_accepted"))],
    breakdowns=[("respondent__name", _("Respondent")), ("act_kind__name", _("Kind of act"))],
)
register(METRICS)
