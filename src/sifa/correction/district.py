"""The district's values this line reads (core.district; the system administrator edits them as district settings).

The national text sets no classification levels or contact frequencies (DOMAIN-2 §9: 分类管理 is local), so they
are the district's: how many days may pass between contacts at each level, how many days past a missed contact's
due day the person counts as out of supervision (脱管), and how many days past the report-in day an absent person
counts as missed at intake (漏管). A value the district has not set reads as the default below.
"""

from __future__ import annotations

from sifa.core import district

DIVISION = "correction.division"
CONTACT_DAYS = "correction.contact_days.{level}"
LOST_CONTACT_DAYS = "correction.lost_contact_days"
INTAKE_GRACE_DAYS = "correction.intake_grace_days"

DEFAULTS = {
    "correction.contact_days.strict": 7, "correction.contact_days.ordinary": 14,
    "correction.contact_days.lenient": 30, LOST_CONTACT_DAYS: 7, INTAKE_GRACE_DAYS: 3,
}
NOTES = {
    DIVISION: "区社区矫正机构（社区矫正科）的单位代码：可查看全区社区矫正对象",
    "correction.contact_days.strict": "严管：两次联系（报告、走访、报到）之间最多间隔的天数",
    "correction.contact_days.ordinary": "普管：两次联系之间最多间隔的天数",
    "correction.contact_days.lenient": "宽管：两次联系之间最多间隔的天数",
    LOST_CONTACT_DAYS: "联系应到日之后超过该天数仍未取得联系的，计为脱管",
    INTAKE_GRACE_DAYS: "报到期限届满之后超过该天数仍未报到的，计为漏管",
}


def days(key: str) -> int:
    raw = district.value(key)
    try:
        return int(raw) if raw else DEFAULTS[key]
    except ValueError:
        return DEFAULTS[key]


def contact_days(level: str) -> int:
    return days(CONTACT_DAYS.format(level=level))


def division():
    return district.unit(DIVISION)


def standards() -> dict:
    """Every value at once (one query), for the writers that chain many contacts: {key: days}."""
    from sifa.core.models import DistrictSetting

    held = dict(DistrictSetting.objects.filter(key__in=DEFAULTS).values_list("key", "value"))
    out = {}
    for key, default in DEFAULTS.items():
        try:
            out[key] = int(held[key]) if held.get(key) else default
        except ValueError:
            out[key] = default
    return out
