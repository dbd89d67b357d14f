"""The time limits of petitions and 12345 work orders, with their legal basis (信访工作条例 2022, in force
2022-05-01; 上海市信访条例 — DOMAIN-2 §11 found them consistent).

The hotline's limits are the city's (沪府办〔2018〕62号, cited by the districts' rules; the text itself was not found,
V2) and set per kind of order by the district (`district.py`): one rule is registered for each length in working
days, and an order's clock takes the rule of its kind's length.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from sifa.core import clocks
from sifa.core.clocks import DAYS, WORKING_DAYS, Rule

LAW_FROM = date(2022, 5, 1)
XF = "《信访工作条例》"
SH = "《上海市信访条例》"

NOTICE = "petitions.notice"
OBJECTION = "petitions.objection"
HANDLE = "petitions.handle"
REVIEW = "petitions.review"
SECOND_REVIEW = "petitions.second_review"
HOTLINE_MAX = 30


def hotline(days: int) -> str:
    return f"petitions.hotline_{days}"


clocks.register(
    Rule(NOTICE, _("Notice of accepting the petition"), 15, DAYS,
         XF + "第二十三条（告知信访人接收情况以及处理途径和程序）；" + SH + "第三十六条（自收到信访事项之日起十五日内告知）"),
    Rule(OBJECTION, _("Jurisdiction objection to a transferred matter"), 5, WORKING_DAYS,
         XF + "第二十三条第三款（转送、交办的信访事项不属于本机关职权范围的，自收到之日起5个工作日内提出异议，并详细说明理由）"),
    Rule(HANDLE, _("Handling of the petition"), 60, DAYS,
         XF + "第三十四条；" + SH + "第三十七条（自受理之日起六十日内办结）", max_extension=30,
         extension_basis=XF + "第三十四条（情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由）"),
    Rule(REVIEW, _("Review (复查) opinion"), 30, DAYS,
         XF + "第三十五条；" + SH + "第三十九条（自收到复查请求之日起30日内提出复查意见，并予以书面答复）"),
    Rule(SECOND_REVIEW, _("Second review (复核) opinion"), 30, DAYS,
         XF + "第三十六条；" + SH + "第四十条（自收到复核请求之日起30日内提出复核意见；听证所需时间不计算在内）"),
    *[Rule(hotline(n), _("12345 work order"), n, WORKING_DAYS,
           "上海市12345市民服务热线办理规定（沪府办〔2018〕62号）：按诉求类型的办理时限（区设置）",
           max_extension=15, extension_basis="沪府办〔2018〕62号：复杂诉求经批准延期",
           note=_("The length is the district's setting for the order's kind."))
      for n in range(1, HOTLINE_MAX + 1)],
)
