"""The district's values read by the supervisors' line (core.district; the system administrator edits them as
district settings). Unset, each has the default below, from 《人民监督员选任管理办法》 as DOMAIN-2 §10 reads it."""

from __future__ import annotations

from sifa.core import district

TERM_YEARS = "supervisors.term_years"  # 每届任期五年
MAX_TERMS = "supervisors.max_terms"  # 连续担任不超过两届
MIN_AGE = "supervisors.min_age"  # 年满二十三周岁
ANNUAL_CAP = "supervisors.annual_cap"  # activities a supervisor attends in a calendar year (district rule)
REST_DAYS = "supervisors.rest_days"  # days after an activity before the same supervisor is drawn again

DEFAULTS = {TERM_YEARS: 5, MAX_TERMS: 2, MIN_AGE: 23, ANNUAL_CAP: 6, REST_DAYS: 30}
NOTES = {TERM_YEARS: "人民监督员每届任期（年）", MAX_TERMS: "连续担任人民监督员的最多届数",
         MIN_AGE: "人民监督员的最低年龄", ANNUAL_CAP: "每名人民监督员每年参加监督活动的上限（次）",
         REST_DAYS: "参加监督活动后不再抽选的间隔（日）"}


def number(key: str) -> int:
    raw = district.value(key).strip()
    return int(raw) if raw.isdigit() else DEFAULTS[key]
