"""The official figures of the litigation line (seed report: 以区政府为被告 87 件; 法院审结 139 件, 零败诉;
以区政府为被申请人的复议 4 件, 无一件被纠错; 开庭 52 次, 负责人出庭 52 人次, 出庭率 100%).

Suits are counted per court proceeding (each instance has its own court case number), as the courts count
审结. "Against the district government" means the district government is the defendant or a co-defendant.
What counts as a loss is the `is_loss` flag of the outcome type (data; DOMAIN §2, tag U).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, MetricSet, Rate, register

from .models import CORRECTING_OUTCOMES, QUALIFYING_RANKS

SUIT = "litigation.Suit"
HEARING = "litigation.Hearing"
CITY = "litigation.CityReconsideration"
GOV = Q(against_government=True)

register(MetricSet(
    line="litigation",
    label=_("Administrative litigation response"),
    order=20,
    list_url_name="litigation:list",
    columns={
        SUIT: ["number", "court_case_number", "tier", "unit__name", "court__name", "agency__name", "act_kind",
               "received_on", "concluded_on", "state"],
        CITY: ["number", "city_case_number", "unit__name", "agency__name", "received_on", "decided_on", "outcome",
               "state"],
        HEARING: ["suit__number", "suit__court_case_number", "court__name", "agency__name", "held_on",
                  "head_appeared", "head_rank"],
    },
    breakdowns=[("agency__name", _("Agency responsible")), ("court__name", _("Court"))],
    metrics=[
        Count("litigation.suits_received", _("Suits against the district government received"),
              definition=_("Suits (each instance counted once) in which the district government is the defendant "
                           "or a co-defendant, whose complaint, appeal or retrial copy was served in the period."),
              model=SUIT, date_field="received_on", q=GOV, basis="《行政诉讼法》第六十七条"),
        Count("litigation.suits_concluded", _("Suits concluded by the courts"),
              definition=_("Suits involving the district government that the court concluded in the period by "
                           "judgment, ruling, mediation statement or permitted withdrawal, whenever received."),
              model=SUIT, date_field="concluded_on", q=GOV),
        Count("litigation.losses", _("Suits lost"),
              definition=_("Concluded suits whose outcome type counts as a loss (撤销, 部分撤销, 变更, 确认违法, "
                           "确认无效, 责令履行, 给付 by default; configurable)."),
              model=SUIT, date_field="concluded_on", q=GOV & Q(decision__outcome__is_loss=True),
              basis="《行政诉讼法》第六十九条至第七十八条"),
        Rate("litigation.loss_rate", _("Loss rate"),
             definition=_("Suits lost ÷ suits concluded, as a percentage to one decimal."),
             numerator="litigation.losses", denominator="litigation.suits_concluded", decimals=1),
        Count("litigation.city_reconsiderations", _("City-level reconsiderations against the district government"),
              definition=_("Reconsiderations at city level in which the district government is the respondent, "
                           "whose application copy was received in the period."),
              model=CITY, date_field="received_on", basis="《行政复议法》第四十八条"),
        Count("litigation.city_reconsiderations_corrected", _("… of which corrected"),
              definition=_("Of those received in the period, the ones the city varied, annulled, confirmed "
                           "unlawful or void, or ordered to perform (direct correction)."),
              model=CITY, date_field="received_on", q=Q(outcome__in=CORRECTING_OUTCOMES),
              basis="《行政复议法》第六十三条至第六十七条"),
        Count("litigation.hearings", _("Hearings held"),
              definition=_("Court hearings held in the period in suits against the district government or any "
                           "district agency."),
              model=HEARING, date_field="held_on", q=Q(held=True), unit_field="suit__unit", unit_label="次"),
        Count("litigation.head_appearances", _("Hearings with the agency head present"),
              definition=_("Hearings held in the period at which a person who counts as the agency's head "
                           "(正职、副职负责人、参与分管的副职级别负责人或其他参与分管的负责人) appeared; heads of "
                           "entrusted bodies or lower-level agencies do not count."),
              model=HEARING, date_field="held_on",
              q=Q(held=True, head_appeared=True, head_rank__in=QUALIFYING_RANKS), unit_field="suit__unit",
              unit_label="人次", basis="《行政诉讼法》第三条第三款；《负责人出庭应诉规定》第二条"),
        Rate("litigation.appearance_rate", _("Agency-head appearance rate"),
             definition=_("Hearings with the agency head present ÷ hearings held, as a percentage to one decimal."),
             numerator="litigation.head_appearances", denominator="litigation.hearings", decimals=1),
    ],
))
