"""The statutory time limits of the litigation line, each with its legal basis.

All periods here are calendar-day periods counted under 民事诉讼法 第八十五条 (the start day is not counted;
a last day that is a rest day moves to the next working day), as 行政诉讼法 第一百零一条 directs, except the
city reconsideration reply, which the 2023 行政复议法 (第八十八条第二款) counts in working days.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core.clocks import DAYS, WORKING_DAYS, Rule, register

ANSWER = "litigation.answer"
APPEAL_ANSWER = "litigation.appeal_answer"
RETRIAL_OPINION = "litigation.retrial_opinion"
APPEAL_JUDGMENT = "litigation.appeal_judgment"
APPEAL_RULING = "litigation.appeal_ruling"
CITY_REPLY = "litigation.city_reply"

# The answer clock each instance starts when its copy is served.
ANSWER_RULE = {"first": ANSWER, "appeal": APPEAL_ANSWER, "retrial": RETRIAL_OPINION}

register(
    Rule(ANSWER, _("Answer and evidence"), 15, DAYS,
         "《行政诉讼法》第六十七条第一款",
         note="被告应当在收到起诉状副本之日起十五日内提交证据和所依据的规范性文件，并提出答辩状"),
    Rule(APPEAL_ANSWER, _("Answer to the appeal"), 15, DAYS,
         "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百零八条第二款"),
    Rule(RETRIAL_OPINION, _("Written opinion on the retrial application"), 15, DAYS,
         "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百一十一条"),
    Rule(APPEAL_JUDGMENT, _("Appeal against the judgment"), 15, DAYS, "《行政诉讼法》第八十五条"),
    Rule(APPEAL_RULING, _("Appeal against the ruling"), 10, DAYS, "《行政诉讼法》第八十五条"),
    # The respondent's reply in a reconsideration: 10 days under the 1999/2017 law (第二十三条, calendar days:
    # its 第四十条 made only "五日、七日" working days); 10 working days from 2024-01-01 (2023 revision).
    Rule(CITY_REPLY, _("Reply to the reconsideration application"), 10, DAYS,
         "《行政复议法》（2017年修正）第二十三条第一款", effective_to=date(2023, 12, 31)),
    Rule(CITY_REPLY, _("Reply to the reconsideration application"), 10, WORKING_DAYS,
         "《行政复议法》（2023年修订）第四十八条、第八十八条第二款", effective_from=date(2024, 1, 1)),
)


def suggestion_rule(kind) -> str:
    """Register (or refresh) the reply rule of a kind of judicial suggestion from its data row.

    The reply period of a non-statutory kind is local practice kept as data (SuggestionKind), so the rule
    is registered from the row when a clock starts; the Deadline row keeps its own length and basis."""
    basis = kind.basis if kind.statutory else f"{kind.basis}（地方工作惯例，非法定期限）"
    register(Rule(kind.rule_key, _("Reply to the judicial suggestion"), kind.reply_days, DAYS, basis))
    return kind.rule_key
