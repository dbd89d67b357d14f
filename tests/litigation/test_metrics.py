"""The line's figures on hand-made data: loss classification and appearance rate."""

from __future__ import annotations

from datetime import date

from sifa.core import metrics
from sifa.litigation.models import AbsenceReason, HeadRank, OutcomeType
from sifa.litigation.workflow import suit_workflow

PERIOD = (date(2024, 1, 1), date(2024, 12, 31))


def values():
    return metrics.compute(*PERIOD, lines=["litigation"]).flat()


def _decide(suit, handler, outcome, on=date(2024, 6, 3)):
    return suit_workflow.run(suit, "decide", by=handler, on=on, data=dict(outcome=outcome))


def test_a_judgment_annulling_the_act_is_a_loss_and_a_dismissal_is_not(answered, handler, outcome):
    _decide(answered(), handler, outcome("annul"))
    _decide(answered(), handler, outcome("reject_claims"))
    _decide(answered(), handler, outcome("dismiss_suit"))
    suit_workflow.run(answered(), "withdraw", by=handler, on=date(2024, 5, 1))
    v = values()
    assert v["litigation.suits_concluded"] == 4
    assert v["litigation.losses"] == 1
    assert v["litigation.loss_rate"] == 25.0


def test_every_outcome_the_domain_lists_as_lost_is_seeded_as_a_loss(db):
    lost = set(OutcomeType.objects.filter(is_loss=True).values_list("code", flat=True))
    assert {"annul", "partly_annul", "vary", "confirm_unlawful", "confirm_void", "order_performance",
            "order_payment"} <= lost
    assert not lost & {"reject_claims", "withdrawal", "dismiss_suit"}


def test_the_loss_classification_is_data(answered, handler, outcome):
    _decide(answered(), handler, outcome("confirm_unlawful"))
    assert values()["litigation.losses"] == 1
    OutcomeType.objects.filter(code="confirm_unlawful").update(is_loss=False)
    assert values()["litigation.losses"] == 0


def test_suits_against_agencies_alone_are_not_counted_as_suits_against_the_government(register, units, handler,
                                                                                      outcome):
    register()
    register(defendant=units["PT-FGJ"], co_defendants=[units["PT"]])
    alone = register(defendant=units["PT-SCJG"], agency=units["PT-SCJG"])
    _decide(alone, handler, outcome("annul"))
    v = values()
    assert v["litigation.suits_received"] == 2
    assert v["litigation.suits_concluded"] == 0 and v["litigation.losses"] == 0


def test_the_appearance_rate_counts_only_heads_under_article_2(answered, handler, units):
    def hear(suit, **kw):
        data = dict(head_appeared=True, head_name="甲", head_post="副区长", head_rank=HeadRank.DEPUTY)
        data.update(kw)
        suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10), data=data)

    hear(answered())
    hear(answered(), head_rank=HeadRank.PRINCIPAL)
    hear(answered(), head_rank=HeadRank.DEPUTY_RANK_IN_CHARGE)
    hear(answered(), head_rank=HeadRank.ENTRUSTED_BODY_HEAD, head_post="征收事务所所长")
    hear(answered(), head_appeared=False, staff="乙 科长", absence_reason=AbsenceReason.ACCIDENT)
    agency_suit = answered(defendant=units["PT-SCJG"], agency=units["PT-SCJG"])
    hear(agency_suit, agency=units["PT-SCJG"], head_post="副局长")
    scheduled = answered()
    suit_workflow.run(scheduled, "schedule_hearing", by=handler, on=date(2024, 4, 1),
                      data=dict(scheduled_on=date(2024, 12, 30)))
    v = values()
    assert v["litigation.hearings"] == 6
    assert v["litigation.head_appearances"] == 4
    assert v["litigation.appearance_rate"] == 66.7


def test_the_appearance_rate_is_none_without_hearings(db):
    assert values()["litigation.appearance_rate"] is None


def test_every_agreed_key_is_registered(db):
    keys = set(metrics.all_keys())
    assert {f"litigation.{k}" for k in ("suits_received", "suits_concluded", "losses", "loss_rate",
                                        "city_reconsiderations", "city_reconsiderations_corrected", "hearings",
                                        "head_appearances", "appearance_rate")} <= keys


def test_breakdown_by_agency_works_for_suits_and_hearings(answered, handler, units):
    answered()
    answered(agency=units["PT-GHZYJ"])
    rows = dict(metrics.breakdown("litigation.suits_received", *PERIOD, by="agency__name"))
    assert rows == {"区房管局": 1, "区规划资源局": 1}
    suit = answered()
    suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                      data=dict(head_appeared=True, head_name="甲", head_post="副区长",
                                head_rank=HeadRank.DEPUTY))
    assert dict(metrics.breakdown("litigation.hearings", *PERIOD, by="agency__name")) == {"上海市普陀区人民政府": 1}
