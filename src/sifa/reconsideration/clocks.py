"""Every statutory time limit of administrative reconsideration, with its legal basis and effective period.

An application received before 2024-01-01 follows the 2017 text of the Administrative Reconsideration Law
(行政复议法, 2017年修正) and its 2007 implementing regulation (实施条例); one received from 2024-01-01 follows
the 2023 revision. Both laws count "五日、七日" in working days (2017 text Art 40; 2023 text Art 88 ¶2,
which adds "三日、十日"); every other period is in calendar days (民事诉讼法 第八十五条).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

OLD_LAW_UNTIL = date(2023, 12, 31)
NEW_LAW_FROM = date(2024, 1, 1)

ACCEPTANCE_REVIEW = "reconsideration.acceptance_review"
CORRECTION = "reconsideration.correction"
DECISION_ORDINARY = "reconsideration.decision_ordinary"
DECISION_SIMPLIFIED = "reconsideration.decision_simplified"
COPY_ORDINARY = "reconsideration.copy_to_respondent"
COPY_SIMPLIFIED = "reconsideration.copy_to_respondent_simplified"
ANSWER_ORDINARY = "reconsideration.respondent_answer"
ANSWER_SIMPLIFIED = "reconsideration.respondent_answer_simplified"
HEARING_NOTICE = "reconsideration.hearing_notice"
SUSPENSION_TERMINATION = "reconsideration.suspension_termination"

DECISION_RULES = (DECISION_ORDINARY, DECISION_SIMPLIFIED)

clocks.register(
    # 受理审查
    Rule(ACCEPTANCE_REVIEW, _("Acceptance review"), 5, WORKING_DAYS,
         "行政复议法（2017年修正）第十七条、第四十条", effective_to=OLD_LAW_UNTIL,
         note=_("Not refused within five working days: accepted from the day of receipt (Art 17 ¶2).")),
    Rule(ACCEPTANCE_REVIEW, _("Acceptance review"), 5, WORKING_DAYS,
         "行政复议法 第三十条、第八十八条第二款", effective_from=NEW_LAW_FROM,
         note=_("Not refused within the review period: deemed accepted from the day it ends (Art 30 ¶3).")),
    # 补正
    Rule(CORRECTION, _("Correction by the applicant"), 10, WORKING_DAYS,
         "行政复议法实施条例 第二十九条（补正通知载明的合理期限）", effective_to=OLD_LAW_UNTIL,
         max_extension=10, extension_basis="行政复议法实施条例 第二十九条",
         note=_("The regulation leaves the period to the notice; ten working days is the office's default.")),
    Rule(CORRECTION, _("Correction by the applicant"), 10, WORKING_DAYS,
         "行政复议法 第三十一条第二款、第八十八条第二款", effective_from=NEW_LAW_FROM,
         max_extension=10, extension_basis="行政复议法 第三十一条第二款（有正当理由的，可以延长合理的补正期限）"),
    # 审理期限
    Rule(DECISION_ORDINARY, _("Decision period"), 60, DAYS, "行政复议法（2017年修正）第三十一条第一款",
         effective_to=OLD_LAW_UNTIL, max_extension=30,
         extension_basis="行政复议法（2017年修正）第三十一条第一款（经批准延长，最多不超过三十日）"),
    Rule(DECISION_ORDINARY, _("Decision period"), 60, DAYS, "行政复议法 第六十二条第一款",
         effective_from=NEW_LAW_FROM, max_extension=30,
         extension_basis="行政复议法 第六十二条第一款（经行政复议机构负责人批准，延长最多不得超过三十日）"),
    Rule(DECISION_SIMPLIFIED, _("Decision period (simplified procedure)"), 30, DAYS,
         "行政复议法 第六十二条第二款", effective_from=NEW_LAW_FROM),
    # 发送申请书副本 and 答复
    Rule(COPY_ORDINARY, _("Copy of the application to the respondent"), 7, WORKING_DAYS,
         "行政复议法（2017年修正）第二十三条第一款、第四十条", effective_to=OLD_LAW_UNTIL),
    Rule(COPY_ORDINARY, _("Copy of the application to the respondent"), 7, WORKING_DAYS,
         "行政复议法 第四十八条、第八十八条第二款", effective_from=NEW_LAW_FROM),
    Rule(COPY_SIMPLIFIED, _("Copy of the application to the respondent (simplified)"), 3, WORKING_DAYS,
         "行政复议法 第五十四条第一款、第八十八条第二款", effective_from=NEW_LAW_FROM),
    # The 2017 text made only 五日、七日 working days: its ten-day answer period ran in calendar days.
    Rule(ANSWER_ORDINARY, _("Respondent's answer"), 10, DAYS, "行政复议法（2017年修正）第二十三条第一款",
         effective_to=OLD_LAW_UNTIL),
    Rule(ANSWER_ORDINARY, _("Respondent's answer"), 10, WORKING_DAYS, "行政复议法 第四十八条、第八十八条第二款",
         effective_from=NEW_LAW_FROM),
    Rule(ANSWER_SIMPLIFIED, _("Respondent's answer (simplified)"), 5, WORKING_DAYS,
         "行政复议法 第五十四条第一款、第八十八条第二款", effective_from=NEW_LAW_FROM),
    # 听证通知: not a running clock but the minimum notice, checked when a hearing is scheduled. The 2017
    # text set no period; the office applies the 2023 rule's five working days to its hearings throughout.
    Rule(HEARING_NOTICE, _("Notice of a hearing"), 5, WORKING_DAYS, "行政复议法 第五十一条第一款（五日前书面通知）"),
    # 中止满六十日 → 终止
    Rule(SUSPENSION_TERMINATION, _("Suspension on ground ①②④: termination after 60 days"), 60, DAYS,
         "行政复议法实施条例 第四十二条第二款", effective_to=OLD_LAW_UNTIL),
    Rule(SUSPENSION_TERMINATION, _("Suspension on ground ①②④: termination after 60 days"), 60, DAYS,
         "行政复议法 第四十一条第五项", effective_from=NEW_LAW_FROM),
)


def decision_rule(procedure: str) -> str:
    return DECISION_SIMPLIFIED if procedure == "simplified" else DECISION_ORDINARY


def copy_rule(procedure: str) -> str:
    return COPY_SIMPLIFIED if procedure == "simplified" else COPY_ORDINARY


def answer_rule(procedure: str) -> str:
    return ANSWER_SIMPLIFIED if procedure == "simplified" else ANSWER_ORDINARY
