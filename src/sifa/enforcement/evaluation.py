"""Case-file evaluation (案卷评查): the reproducible draw, the assignment of evaluators and the scoring sheet.

Pure functions of their inputs, so that anyone holding a campaign's seed and candidate lists re-runs the draw and
gets the same files (`draw`), and any score can be recomputed from the sheet and what the evaluator found (`score`).
The scoring pattern is DOMAIN §3's: veto items (合法性否决项) make a file 不合格 at 0; otherwise 100 minus the
deductions, each section losing at most its cap, never below 0; ≥90 优秀, 60–89 合格, <60 不合格; an agency's
score is the mean of its files.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from sifa.core.workflow import StepError

from .models import Grade

ONE_PLACE = Decimal("0.1")


def draw(seed: str, candidates: Sequence[str], n: int) -> list[str]:
    """`n` files drawn from an agency's candidates: the candidates sorted (the order they were declared in does not
    matter), shuffled by a generator seeded with SHA-256(seed); the first n, in candidate order."""
    pool = sorted({c.strip() for c in candidates if c.strip()})
    if n >= len(pool):
        return pool
    rng = random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))
    picked = set(rng.sample(pool, n))
    return [c for c in pool if c in picked]


def assign(files: Sequence[tuple[int, int]], evaluators: Sequence[tuple[int, int | None]]) -> dict[int, int]:
    """Evaluators for files: `files` are (file id, agency id), `evaluators` (evaluator id, own agency id or None).
    Each file goes to the least-loaded evaluator not from the file's agency (ties by the evaluator's order).
    Refused when some agency's files have nobody to evaluate them."""
    load = {e: 0 for e, _a in evaluators}
    out = {}
    for file_id, agency in files:
        eligible = [e for e, own in evaluators if own != agency]
        if not eligible:
            raise StepError(_("Nobody may evaluate the files of an agency: every evaluator comes from it."),
                            field="evaluators")
        chosen = min(eligible, key=lambda e: load[e])
        load[chosen] += 1
        out[file_id] = chosen
    return out


@dataclass(frozen=True)
class Result:
    score: Decimal
    grade: str
    explanation: str


def grade_of(score: Decimal, sheet) -> str:
    if score >= Decimal(sheet.excellent_from):
        return Grade.EXCELLENT
    if score >= Decimal(sheet.pass_from):
        return Grade.PASS
    return Grade.FAIL


def score(sheet, *, vetoes: Sequence[str], deductions: Mapping[str, int]) -> Result:
    """The score of one file: `vetoes` are codes of the sheet's veto items found; `deductions` the count of each
    item's defects (item code → times found). Unknown codes are refused."""
    veto_labels = {v["code"]: v["label"] for v in sheet.vetoes}
    unknown = [v for v in vetoes if v not in veto_labels]
    if unknown:
        raise StepError(_("Unknown veto items: %(codes)s") % {"codes": ", ".join(unknown)}, field="vetoes")
    items = {i["code"]: (s, i) for s in sheet.sections for i in s["items"]}
    unknown = [k for k in deductions if k not in items]
    if unknown:
        raise StepError(_("Unknown items of the sheet: %(codes)s") % {"codes": ", ".join(unknown)},
                        field="deductions")
    if vetoes:
        found = "、".join(veto_labels[v] for v in vetoes)
        return Result(Decimal("0.0"), Grade.FAIL, _("Veto item found: %(items)s; the file fails at 0.") % {"items": found})
    lost, parts = Decimal(0), []
    for section in sheet.sections:
        raw = sum(Decimal(str(i["points"])) * int(deductions.get(i["code"], 0)) for i in section["items"])
        capped = min(raw, Decimal(str(section["cap"])))
        if capped:
            parts.append(f"{section['label']} −{capped}")
        lost += capped
    value = max(Decimal(100) - lost, Decimal(0)).quantize(ONE_PLACE, ROUND_HALF_UP)
    return Result(value, grade_of(value, sheet), "；".join(parts) or _("No deduction."))


def mean(scores: Sequence[Decimal]) -> Decimal | None:
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(ONE_PLACE, ROUND_HALF_UP)


# The default sheet (DOMAIN §3): the legality veto items and two sections (卷面 20, 内容 80).
DEFAULT_SHEET = {
    "name": "行政处罚案卷评查标准（区默认）",
    "vetoes": [
        {"code": "body", "label": "执法主体不合法"}, {"code": "qualification", "label": "执法人员不具备执法资格"},
        {"code": "two_officers", "label": "执法人员少于两人"}, {"code": "evidence", "label": "证据不足"},
        {"code": "facts", "label": "事实不清"}, {"code": "characterisation", "label": "定性错误"},
        {"code": "law", "label": "适用法律错误"}, {"code": "procedure", "label": "程序违法"},
        {"code": "transfer", "label": "应当移送而未移送"},
    ],
    "sections": [
        {"code": "form", "label": "卷面", "cap": 20, "items": [
            {"code": "cover", "label": "卷皮、目录填写不全", "points": 2},
            {"code": "order", "label": "文书排列顺序不当", "points": 1},
            {"code": "binding", "label": "装订、页码不规范", "points": 1},
        ]},
        {"code": "content", "label": "内容", "cap": 80, "items": [
            {"code": "document", "label": "文书制作不规范", "points": 2},
            {"code": "service", "label": "送达不规范", "points": 5},
            {"code": "reasoning", "label": "裁量说理不充分", "points": 5},
            {"code": "disclosure", "label": "未按规定公示", "points": 5},
            {"code": "recording", "label": "未全过程记录", "points": 5},
            {"code": "legal_review", "label": "应当法制审核而未审核", "points": 10},
        ]},
    ],
}


# --- the sheet as text, for its page, and its checks -------------------------------------------------------------
# Veto items: one a line, "code label". Sections: a line "code label cap" opens a section; its items follow, each a
# line "- code label points". Codes are lower-case letters, digits and "_"; they key the deductions kept on the
# scored files, so a sheet with which files were scored is not changed (services.sheet_save).

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _json_number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def vetoes_text(vetoes: Sequence[Mapping]) -> str:
    return "\n".join(f"{v['code']} {v['label']}" for v in vetoes)


def sections_text(sections: Sequence[Mapping]) -> str:
    lines = []
    for s in sections:
        lines.append(f"{s['code']} {s['label']} {s['cap']}")
        lines += [f"- {i['code']} {i['label']} {i['points']}" for i in s["items"]]
    return "\n".join(lines)


def parse_vetoes(text: str) -> tuple[list[dict], list[str]]:
    out, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        code, _sep, label = line.strip().partition(" ")
        if not label.strip():
            errors.append(_("Line %(n)d: write the code, a space, then the item.") % {"n": n})
            continue
        out.append({"code": code, "label": label.strip()})
    return out, errors


def parse_sections(text: str) -> tuple[list[dict], list[str]]:
    out, errors = [], []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        item = line.startswith("-")
        parts = line.lstrip("-").strip().split()
        if len(parts) < 3:
            errors.append(_("Line %(n)d: write the code, the name and a number, separated by spaces.") % {"n": n})
            continue
        number = _number(parts[-1])
        if number is None:
            errors.append(_("Line %(n)d: “%(v)s” is not a number.") % {"n": n, "v": parts[-1]})
            continue
        code, label = parts[0], " ".join(parts[1:-1])
        if item:
            if not out:
                errors.append(_("Line %(n)d: an item comes after the line of its section.") % {"n": n})
                continue
            out[-1]["items"].append({"code": code, "label": label, "points": _json_number(number)})
        else:
            out.append({"code": code, "label": label, "cap": _json_number(number), "items": []})
    return out, errors


def check_sheet(*, vetoes: Sequence[Mapping], sections: Sequence[Mapping], excellent_from, pass_from
                ) -> list[tuple[str, str]]:
    """What is wrong with a sheet, as (field, message); empty when it can score files: known codes, unique; at least
    one section, each with items; caps positive and adding up to 100; each item's points positive and within its
    section's cap; 0 < pass mark < excellent mark ≤ 100."""
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()

    def code_ok(code: str, field: str) -> None:
        if not CODE.match(code):
            problems.append((field, _("“%(c)s” is not a code: lower-case letters, digits and _, starting with a "
                                      "letter.") % {"c": code}))
        elif code in seen:
            problems.append((field, _("The code “%(c)s” is used twice.") % {"c": code}))
        seen.add(code)

    for v in vetoes:
        code_ok(v["code"], "vetoes")
    if not sections:
        problems.append(("sections", _("The sheet needs at least one section.")))
    total = Decimal(0)
    for s in sections:
        code_ok(s["code"], "sections")
        cap = Decimal(str(s["cap"]))
        total += cap
        if cap <= 0:
            problems.append(("sections", _("The cap of section “%(s)s” must be above 0.") % {"s": s["label"]}))
        if not s["items"]:
            problems.append(("sections", _("Section “%(s)s” has no items.") % {"s": s["label"]}))
        for i in s["items"]:
            code_ok(i["code"], "sections")
            points = Decimal(str(i["points"]))
            if points <= 0 or points > cap:
                problems.append(("sections", _("Item “%(i)s”: the points must be above 0 and not above the "
                                               "section's cap (%(cap)s).") % {"i": i["label"], "cap": s["cap"]}))
    if sections and total != 100:
        problems.append(("sections", _("The caps of the sections add up to %(t)s, not 100.") % {"t": total}))
    excellent, passing = Decimal(str(excellent_from)), Decimal(str(pass_from))
    if not (0 < passing < excellent <= 100):
        problems.append(("excellent_from", _("The marks must satisfy 0 < pass mark < excellent mark ≤ 100.")))
    return problems
