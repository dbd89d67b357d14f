"""The generated statistics paragraph offered to the author of each section, in the seed report's phrasing.
Each phrasing names its figures as placeholders, so the author can insert it, edit the words around the
figures, and the figures stay computed. A line without a phrasing of its own gets a plain list of its figures."""

from __future__ import annotations

import calendar
from datetime import date

from sifa.core import metrics

from .placeholders import keys_in


def as_of(through: date) -> str:
    """截至2022年10月底 (the end of a month) or 截至2022年10月20日."""
    last = calendar.monthrange(through.year, through.month)[1]
    if through.day == last:
        return f"截至{through.year}年{through.month}月底"
    return f"截至{through.year}年{through.month}月{through.day}日"


def months_span(through: date) -> str:
    """2022年1-10月."""
    return f"{through.year}年1-{through.month}月" if through.month > 1 else f"{through.year}年1月"


PHRASINGS = {
    "reconsideration": (
        "{as_of}，区政府共收到行政复议申请{{{{ reconsideration.received }}}}件，其中案前化解"
        "{{{{ reconsideration.pre_acceptance_resolved }}}}件，受理{{{{ reconsideration.accepted }}}}件，不予受理"
        "{{{{ reconsideration.not_accepted }}}}件；受理后共审结行政复议{{{{ reconsideration.concluded }}}}件（含{prev}年结转"
        "{{{{ reconsideration.carried_over_concluded }}}}件），其中调解{{{{ reconsideration.mediated }}}}件，直接纠错"
        "{{{{ reconsideration.direct_corrections }}}}件，矛盾化解率达{{{{ reconsideration.resolution_rate }}}}%。"
        "共计开展听证谈话{{{{ reconsideration.hearings_interviews }}}}次。"
    ),
    "litigation": (
        "{as_of}，共收到以区政府为被告的行政诉讼案件{{{{ litigation.suits_received }}}}件。法院共审结涉区政府行政诉讼"
        "{{{{ litigation.suits_concluded }}}}件，败诉{{{{ litigation.losses }}}}件。共办理以区政府为被申请人的行政复议案件"
        "{{{{ litigation.city_reconsiderations }}}}件，被纠错{{{{ litigation.city_reconsiderations_corrected }}}}件。"
        "全区各行政机关开庭数{{{{ litigation.hearings }}}}次，行政负责人出庭{{{{ litigation.head_appearances }}}}人次，"
        "出庭率{{{{ litigation.appearance_rate }}}}%。"
    ),
    "mediation": (
        "{months}，全区各级人民调解组织共受理各类矛盾纠纷{{{{ mediation.accepted }}}}起，调解成功"
        "{{{{ mediation.successful }}}}起，调解成功率{{{{ mediation.success_rate }}}}%。各街镇“靠谱解纷中心”通过联合接待"
        "受理各类矛盾纠纷{{{{ mediation.centre_accepted }}}}件，调解成功{{{{ mediation.centre_successful }}}}件。累计启动"
        "诉前调解{{{{ mediation.prelitigation_started }}}}件，调解成功{{{{ mediation.prelitigation_successful }}}}件；"
        "开展拉网式、兜底式排查{{{{ mediation.campaigns }}}}次。"
    ),
}


def _generic(metric_set, through: date) -> str:
    parts = []
    for m in metric_set.metrics:
        unit = "%" if m.is_rate else m.unit_label
        parts.append(f"{m.label}{{{{ {m.key} }}}}{unit}")
    return f"{as_of(through)}，" + "，".join(parts) + "。"


def paragraph(line: str, through: date) -> str:
    """The statistics paragraph for a line's figures through a date (placeholders, not numbers)."""
    metric_set = metrics.get_set(line)
    template = PHRASINGS.get(line)
    if template:
        text = template.format(as_of=as_of(through), months=months_span(through), prev=through.year - 1)
        if all(metrics.is_registered(k) for k in keys_in(text)):
            return text
    return _generic(metric_set, through)


def offers(through: date) -> dict[str, str]:
    """line → generated paragraph, for every registered line."""
    return {s.line: paragraph(s.line, through) for s in metrics.sets()}
