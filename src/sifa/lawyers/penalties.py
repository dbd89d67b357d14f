"""The penalty discretion table (行政处罚裁量基准) of the lawyers' line: each violation of 律师法 第四十七条至第五十条
by its circumstances (情节轻微 / 一般 / 情节严重) gives a suggested penalty within the article's range. A decision
may depart from the suggestion, within the article, only with its reason recorded (行政处罚法 第三十四条: 裁量基准);
it may never leave the article's range (the statutory maximum fine, the months of suspension).

The table is read once per decision; the suggestion is stored with the decision, so that a later change of the
table does not rewrite what was suggested then."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from sifa.core.complaints import PenaltyKind


class Circumstance(models.TextChoices):
    MINOR = "minor", _("Minor circumstances")
    ORDINARY = "ordinary", _("Ordinary circumstances")
    SERIOUS = "serious", _("Serious circumstances")


@dataclass(frozen=True)
class Article:
    """What one article of 律师法 allows: who commits it, the fine's maximum, the months of suspension (or of
    suspension of business) and whether its serious cases go to the city bureau for revocation."""

    number: str
    respondent: str  # "lawyer" or "firm"
    fine_max: int
    months: tuple[int, int]
    revocation: bool
    suggestions: dict  # circumstance -> (penalty kind, fine suggested up to, months (min, max), text)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    fine_max: int
    months: tuple[int, int]
    text: str


W, F, S, R, B = (PenaltyKind.WARNING, PenaltyKind.FINE, PenaltyKind.SUSPENSION, PenaltyKind.REVOCATION,
                 PenaltyKind.RECTIFICATION)

ARTICLES = {
    "47": Article("第四十七条", "lawyer", 5000, (1, 3), False, {
        "minor": (W, 0, (0, 0), "警告"),
        "ordinary": (W, 5000, (0, 0), "警告，可以并处五千元以下罚款"),
        "serious": (S, 5000, (1, 3), "停止执业三个月以下"),
    }),
    "48": Article("第四十八条", "lawyer", 10000, (3, 6), False, {
        "minor": (W, 0, (0, 0), "警告"),
        "ordinary": (W, 10000, (0, 0), "警告，可以并处一万元以下罚款"),
        "serious": (S, 10000, (3, 6), "停止执业三个月以上六个月以下"),
    }),
    "49": Article("第四十九条", "lawyer", 50000, (6, 12), True, {
        "minor": (S, 0, (6, 6), "停止执业六个月"),
        "ordinary": (S, 50000, (6, 12), "停止执业六个月以上一年以下，可以并处五万元以下罚款"),
        "serious": (R, 50000, (0, 0), "提请市司法局吊销律师执业证书"),
    }),
    "50": Article("第五十条", "firm", 100000, (1, 6), True, {
        "minor": (W, 0, (0, 0), "警告"),
        "ordinary": (B, 100000, (1, 3), "停业整顿一个月以上三个月以下，可以并处十万元以下罚款"),
        "serious": (B, 100000, (3, 6), "停业整顿三个月以上六个月以下，可以并处十万元以下罚款；情节特别严重的，提请市司法局吊销执业证书"),
    }),
}

VIOLATIONS = {  # key -> (article, item, what was done)
    "47.1": ("47", "（一）", "同时在两个以上律师事务所执业"),
    "47.2": ("47", "（二）", "以不正当手段承揽业务"),
    "47.3": ("47", "（三）", "在同一案件中为双方当事人担任代理人，或者代理有利益冲突的法律事务"),
    "47.4": ("47", "（四）", "从人民法院、人民检察院离任后二年内担任诉讼代理人或者辩护人"),
    "47.5": ("47", "（五）", "拒绝履行法律援助义务"),
    "48.1": ("48", "（一）", "私自接受委托、收取费用，接受委托人财物或者其他利益"),
    "48.2": ("48", "（二）", "接受委托后无正当理由拒绝辩护或者代理，不按时出庭参加诉讼或者仲裁"),
    "48.3": ("48", "（三）", "利用提供法律服务的便利牟取当事人争议的权益"),
    "48.4": ("48", "（四）", "泄露商业秘密或者个人隐私"),
    "49.1": ("49", "（一）", "违反规定会见法官、检察官、仲裁员以及其他有关工作人员，或者以其他不正当方式影响依法办理案件"),
    "49.2": ("49", "（二）", "向法官、检察官、仲裁员以及其他有关工作人员行贿，介绍贿赂或者指使、诱导当事人行贿"),
    "49.3": ("49", "（三）", "向司法行政部门提供虚假材料或者有其他弄虚作假行为"),
    "49.4": ("49", "（四）", "故意提供虚假证据或者威胁、利诱他人提供虚假证据"),
    "49.5": ("49", "（五）", "接受对方当事人财物或者其他利益，与对方当事人或者第三人恶意串通，侵害委托人权益"),
    "49.6": ("49", "（六）", "扰乱法庭、仲裁庭秩序，干扰诉讼、仲裁活动的正常进行"),
    "49.7": ("49", "（七）", "煽动、教唆当事人采取非法手段解决争议"),
    "49.8": ("49", "（八）", "发表危害国家安全、恶意诽谤他人、严重扰乱法庭秩序的言论"),
    "49.9": ("49", "（九）", "泄露国家秘密"),
    "50.1": ("50", "（一）", "违反规定接受委托、收取费用"),
    "50.2": ("50", "（二）", "违反法定程序办理变更名称、负责人、章程、合伙协议、住所、合伙人等重大事项"),
    "50.3": ("50", "（三）", "从事法律服务以外的经营活动"),
    "50.4": ("50", "（四）", "以诋毁其他律师事务所、律师或者支付介绍费等不正当手段承揽业务"),
    "50.5": ("50", "（五）", "违反规定接受有利益冲突的案件"),
    "50.6": ("50", "（六）", "拒绝履行法律援助义务"),
    "50.7": ("50", "（七）", "向司法行政部门提供虚假材料或者有其他弄虚作假行为"),
    "50.8": ("50", "（八）", "对本所律师疏于管理，造成严重后果"),
}


def violation_choices(respondent: str | None = None) -> list[tuple[str, str]]:
    return [(k, f"律师法{ARTICLES[a].number}{item}：{text}") for k, (a, item, text) in VIOLATIONS.items()
            if respondent is None or ARTICLES[a].respondent == respondent]


def article_of(violation: str) -> Article:
    return ARTICLES[VIOLATIONS[violation][0]]


def basis_of(violation: str) -> str:
    a, item, _text = VIOLATIONS[violation]
    return f"《中华人民共和国律师法》{ARTICLES[a].number}第{item}项"


def suggest(violation: str, circumstance: str) -> Suggestion:
    kind, fine, months, text = article_of(violation).suggestions[circumstance]
    return Suggestion(kind, fine, months, text)


def departures(violation: str, circumstance: str, *, kind: str, fine: Decimal, months: int) -> list[str]:
    """How a decision departs from the table's suggestion (empty: it follows it)."""
    s = suggest(violation, circumstance)
    out = []
    if kind != s.kind:
        out.append(f"处罚种类与建议（{PenaltyKind(s.kind).label}）不同")
    if fine > s.fine_max:
        out.append(f"罚款超过建议的{s.fine_max}元")
    if s.months != (0, 0) and months and not s.months[0] <= months <= s.months[1]:
        out.append(f"期限不在建议的{s.months[0]}至{s.months[1]}个月之内")
    return out


def statutory_errors(violation: str, *, kind: str, fine: Decimal, months: int) -> dict[str, str]:
    """What the article itself does not allow, by field (these refuse the decision; no reason overrides them)."""
    art = article_of(violation)
    errors = {}
    if fine < 0 or fine > art.fine_max:
        errors["fine"] = f"律师法{art.number}规定的罚款不超过{art.fine_max}元。"
    if kind in (PenaltyKind.SUSPENSION, PenaltyKind.RECTIFICATION):
        allowed = {"lawyer": PenaltyKind.SUSPENSION, "firm": PenaltyKind.RECTIFICATION}[art.respondent]
        if kind != allowed:
            errors["penalty_kind"] = f"律师法{art.number}不适用该处罚种类。"
        elif not art.months[0] <= months <= art.months[1]:
            errors["months"] = f"律师法{art.number}规定的期限为{art.months[0]}至{art.months[1]}个月。"
    elif months:
        errors["months"] = "只有停止执业或者停业整顿才有期限。"
    if kind == PenaltyKind.REVOCATION and not art.revocation:
        errors["penalty_kind"] = f"律师法{art.number}的违法行为不适用吊销执业证书。"
    return errors
