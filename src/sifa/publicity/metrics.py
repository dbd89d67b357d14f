"""The figures of legal publicity, each counted from the records by the day named.

Seed (普陀区司法局 2022, 1–10 月): "…绘画比赛，收集优秀作品270余件，评选出奖项共34件"; "推出10期'靠谱学'民法典系列公开课";
"线上宣传浏览量累计10万余次"; "开展成员单位履职评议活动；开展区十大优秀普法项目评选". Definitions:

- `publicity.contest_entries` the works entered in contests in the period (by the day entered), `contest_prizes`
  those that won a prize (by the day of the award).
- `publicity.open_classes` open classes held in the period.
- `publicity.online_views` the views the platforms report for the online items published in the period (the
  newest count imported); `publicity.online_views_wan` the same in whole 万 (ten thousands), rounded down, as the
  report writes it ("10万余次": 100 000 or more, under 110 000).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, register

from .models import ActivityKind

A = "publicity.Activity"
E = "publicity.ContestEntry"
R = "publicity.Responsibility"
P = "publicity.Project"
KINDS = {ActivityKind.EVENT: _("Events"), ActivityKind.OPEN_CLASS: _("Open classes"),
         ActivityKind.CAMPAIGN: _("Campaigns"), ActivityKind.CONTEST: _("Contests"),
         ActivityKind.ONLINE: _("Online items")}
KEYS = {ActivityKind.EVENT: "events", ActivityKind.OPEN_CLASS: "open_classes", ActivityKind.CAMPAIGN: "campaigns",
        ActivityKind.CONTEST: "contests", ActivityKind.ONLINE: "online_items"}

METRICS = MetricSet(
    line="publicity", label=_("Legal publicity"), order=65, list_url_name="publicity:figure",
    columns={
        A: ["number", "kind", "title", "series", "held_on", "organiser__name", "participants", "views"],
        E: ["contest__title", "title", "school", "submitted_on", "prize", "awarded_on"],
        R: ["year", "member__name", "plan_filed_on", "score", "reviewed_on"],
        P: ["year", "title", "member__name", "score", "selected", "selected_on"],
    },
    breakdowns=[("kind", _("Kind")), ("series", _("Series")), ("prize", _("Prize"))],
    metrics=[
        Count("publicity.activities", _("Publicity activities"), model=A, date_field="held_on", unit_label="项",
              definition=_("Activities held or items published in the period, of every kind.")),
        *[Count(f"publicity.{KEYS[k]}", label, model=A, date_field="held_on", q=Q(kind=k), unit_label="项",
                definition=_("Activities of this kind held or published in the period.")) for k, label in KINDS.items()],
        Count("publicity.participants", _("Participant count"), model=A, date_field="held_on", sum_field="participants",
              unit_label="人次", definition=_("The participants of the activities held in the period.")),
        Count("publicity.online_views", _("Online views"), model=A, date_field="held_on", sum_field="views",
              q=Q(kind=ActivityKind.ONLINE), unit_label="次",
              definition=_("Views of the online items published in the period, as the platforms last reported "
                           "them.")),
        Count("publicity.online_views_wan", _("Online views, in ten thousands"), model=A, date_field="held_on",
              sum_field="views", q=Q(kind=ActivityKind.ONLINE), unit_label="万次", per=10000,
              definition=_("Online views in whole ten thousands, rounded down (10 means 100,000 to 109,999).")),
        Count("publicity.contest_entries", _("Contest entries"), model=E, date_field="submitted_on", unit_label="件",
              definition=_("Works entered in contests in the period.")),
        Count("publicity.contest_prizes", _("Prizes awarded"), model=E, date_field="awarded_on", q=~Q(prize=""),
              unit_label="件", definition=_("Entries that won a prize, by the day of the award.")),
        Count("publicity.members_reviewed", _("Member units reviewed"), model=R, date_field="reviewed_on",
              unit_label="家", basis="“谁执法谁普法”普法责任制",
              definition=_("Member units whose performance was reviewed (履职评议) in the period.")),
        Count("publicity.best_projects", _("Best publicity projects selected"), model=P, date_field="selected_on",
              q=Q(selected=True), unit_label="个",
              definition=_("Projects selected among the district's best publicity projects in the period.")),
    ],
    equations=[
        Equation(_("activities = the sum over kinds"), "publicity.activities",
                 tuple(f"publicity.{KEYS[k]}" for k in KINDS)),
    ],
)
register(METRICS)
