"""The official figures of community correction and resettlement, each with its definition, computed as SQL
aggregates over the records.

Seed (普陀区司法局 2022, 1–10 月): 开展专题教育 123 场次、个别教育 9600 人次、公益活动 290 场 … 累计参加在线学习 11958 小时 …
开展个别心理咨询 74 人次; 对象未发生脱漏管现象. Definitions:

- sessions count `Session` rows by the day held; person-times count `Participation` rows (one person at one
  session); learning hours sum `LearningRecord.hours`;
- `correction.out_of_supervision` (脱管): contacts whose loss-of-contact day (the due day plus the district's
  threshold) falls in the period and that were not met by it — marked by the contact service when met late and by
  the sweep while still open;
- `correction.missed_intake` (漏管): persons whose intake grace (the report-in day plus the district's grace) ended
  in the period without their reporting in;
- persons under correction are counted by the day the judgment took effect (intakes) and by the day of 解除/终止
  (ends); contacts by their due day.
"""

from __future__ import annotations

from django.db.models import F as models_f
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sifa.core.metrics import Count, Equation, MetricSet, Rate, register

from .models import HandOver, Kind, Level, SanctionKind, SessionKind, State

P = "correction.Supervisee"
C = "correction.Contact"
S = "correction.Session"
J = "correction.Participation"
L = "correction.LearningRecord"
X = "correction.Sanction"
R = "correction.Release"
SJ = "社区矫正法"

METRICS = MetricSet(
    line="correction", label=_("Community correction"), order=80, list_url_name="correction:list",
    columns={
        P: ["number", "unit__name", "kind", "level", "state", "effective_on", "report_due", "reported_on",
            "announced_on", "term_end", "ended_on"],
        C: ["supervisee__number", "unit__name", "level", "due_on", "lost_after", "met_on", "method", "lost"],
        S: ["unit__name", "kind", "held_on", "title", "hours", "participants"],
        J: ["supervisee__number", "unit__name", "kind", "held_on"],
        L: ["supervisee__number", "unit__name", "learned_on", "hours", "course"],
        X: ["supervisee__number", "unit__name", "kind", "proposed", "decided_on"],
        R: ["unit__name", "prison", "release_on", "key_person", "hand_over", "handed_over_on"],
    },
    breakdowns=[("kind", _("Type")), ("level", _("Classification level"))],
    metrics=[
        Count("correction.intakes", _("Persons received for correction"), model=P, date_field="effective_on",
              unit_label="人", basis=SJ + " 第二十条、第二十一条",
              definition=_("Persons whose judgment or decision took effect in the period.")),
        *[Count(f"correction.intakes_{k.value}", k.label, model=P, date_field="effective_on", q=Q(kind=k),
                unit_label="人", definition=_("Persons of this type received in the period."))
          for k in Kind],
        Count("correction.reported", _("Persons reported in"), model=P, date_field="reported_on", unit_label="人",
              basis=SJ + " 第二十一条", definition=_("Persons who reported in during the period.")),
        Count("correction.reported_late", _("Persons reported in late and found"), model=P,
              date_field="reported_on", q=Q(reported_on__gt=models_f("report_due")) & Q(missed_intake=False),
              unit_label="人", basis=SJ + " 第二十一条",
              definition=_("Persons who reported in after the ten days but within the district's grace: caught, "
                           "not missed.")),
        Count("correction.missed_intake", _("Missed at intake (漏管)"), model=P, date_field="missed_after",
              q=Q(missed_intake=True), unit_label="人", basis=SJ + " 第二十一条",
              definition=_("Persons whose intake grace ended in the period without their reporting in.")),
        Count("correction.ended", _("Corrections ended (解除)"), model=P, date_field="ended_on",
              q=Q(state=State.ENDED), unit_label="人", basis=SJ + " 第四十四条",
              definition=_("Persons whose correction ended in the period at term end or by amnesty.")),
        Count("correction.terminated", _("Corrections terminated (终止)"), model=P, date_field="ended_on",
              q=Q(state=State.TERMINATED), unit_label="人", basis=SJ + " 第四十五条",
              definition=_("Persons whose correction terminated in the period.")),
        *[Count(f"correction.level_{lv.value}", lv.label, model=P, date_field="announced_on", q=Q(level=lv),
                unit_label="人", definition=_("Persons announced in the period now at this level."))
          for lv in Level],
        Count("correction.contacts_due", _("Contacts due"), model=C, date_field="due_on",
              q=Q(cancelled_on__isnull=True), unit_label="次", basis=SJ + " 第二十三条、第二十六条",
              definition=_("Contacts falling due in the period.")),
        Count("correction.contacts_met", _("Contacts met on time"), model=C, date_field="due_on",
              q=Q(met_on__isnull=False) & Q(met_on__lte=models_f("due_on")), unit_label="次",
              definition=_("Contacts falling due in the period and met by their due day.")),
        Rate("correction.contacts_met_rate", _("Share of contacts met on time"), numerator="correction.contacts_met",
             denominator="correction.contacts_due", decimals=1,
             definition=_("Contacts met on time ÷ contacts due, in per cent.")),
        Count("correction.contacts_late", _("Contacts met late and caught"), model=C, date_field="due_on",
              q=Q(met_on__gt=models_f("due_on")) & Q(lost=False), unit_label="次",
              definition=_("Contacts met after their due day but before the loss-of-contact threshold.")),
        Count("correction.out_of_supervision", _("Out of supervision (脱管)"), model=C, date_field="lost_after",
              q=Q(lost=True), unit_label="人次", basis=SJ + " 第三十条",
              definition=_("Contacts whose loss-of-contact day fell in the period without contact being made.")),
        *[Count(f"correction.sanctions_{k.value}", k.label, model=X, date_field="decided_on", q=Q(kind=k),
                unit_label="次", basis=SJ + " 第二十八条", definition=_("Decisions of this kind in the period."))
          for k in SanctionKind],
        Count("correction.thematic_sessions", _("Thematic education sessions"), model=S, date_field="held_on",
              q=Q(kind=SessionKind.THEMATIC), unit_label="场次", basis=SJ + " 第三十六条",
              definition=_("Thematic (collective) education sessions held in the period.")),
        Count("correction.thematic_person_times", _("Thematic education person-times"), model=J,
              date_field="held_on", q=Q(kind=SessionKind.THEMATIC), unit_label="人次",
              definition=_("Participants of the thematic education sessions of the period.")),
        Count("correction.individual_education", _("Individual education person-times"), model=J,
              date_field="held_on", q=Q(kind=SessionKind.INDIVIDUAL), unit_label="人次", basis=SJ + " 第三十六条",
              definition=_("Persons educated individually in the period, once per session.")),
        Count("correction.public_welfare", _("Public-welfare activities"), model=S, date_field="held_on",
              q=Q(kind=SessionKind.PUBLIC_WELFARE), unit_label="场", basis=SJ + " 第四十二条",
              definition=_("Public-welfare activities organised in the period.")),
        Count("correction.public_welfare_person_times", _("Public-welfare person-times"), model=J,
              date_field="held_on", q=Q(kind=SessionKind.PUBLIC_WELFARE), unit_label="人次",
              definition=_("Participants of the public-welfare activities of the period.")),
        Count("correction.counselling", _("Psychological counselling person-times"), model=J, date_field="held_on",
              q=Q(kind=SessionKind.COUNSELLING), unit_label="人次", basis=SJ + " 第三十七条",
              definition=_("Persons counselled individually in the period, once per session.")),
        Count("correction.learning_hours", _("Hours of online learning"), model=L, date_field="learned_on",
              sum_field="hours", unit_label="小时",
              definition=_("Hours of online learning in the period, from the learning platform's records.")),
        Count("correction.releases", _("Releases notified"), model=R, date_field="release_on", unit_label="人",
              basis="上海市安置帮教工作规定 第七条",
              definition=_("Released prisoners whose release day fell in the period.")),
        Count("correction.handed_over", _("Released persons handed over (已衔接)"), model=R, date_field="release_on",
              q=Q(hand_over=HandOver.DONE), unit_label="人", basis="上海市安置帮教工作规定 第八条",
              definition=_("Released persons of the period handed over to their justice office.")),
        Rate("correction.hand_over_rate", _("Hand-over rate"), numerator="correction.handed_over",
             denominator="correction.releases", decimals=1,
             definition=_("Released persons handed over ÷ released persons of the period, in per cent.")),
    ],
    equations=[
        Equation(_("intakes = the sum over types"), "correction.intakes",
                 tuple(f"correction.intakes_{k.value}" for k in Kind)),
    ],
)
register(METRICS)
