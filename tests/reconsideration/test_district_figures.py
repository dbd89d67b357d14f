"""Issue #16's second district: its year imported like any district's, its own three rates loaded from a file by
`sifa metrics load`, computed from its counts with its rounding, and compared with its previous year."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sifa.core import imports, metrics
from sifa.core.models import AuditEvent
from sifa.reconsideration.imports import COLUMNS
from tests.import_files import in_chinese, spreadsheet_row, write_xlsx  # noqa: F401  (in_chinese: autouse)

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]
DEFAULTS = {"收到日期": "2024-03-04", "复议机构": "PT-SFJ-FY", "申请人": "钱某", "被申请人": "PT-SCJG",
            "被申请行为": "罚款处罚", "复议请求": "撤销该处罚决定", "审查结果": "受理"}

# The second district's definitions: 纠错率 over concluded cases (not decided ones), 调解率 counting mediated
# and settled cases, and 综合化解率 rounded to a whole percent.
DEFINITIONS = """
[[metric]]
key = "reconsideration.correction_rate"
label = "纠错率"
label_en = "Correction rate"
formula = "reconsideration.direct_corrections / reconsideration.concluded * 100"
decimals = 1
definition = "直接纠错 ÷ 审结"

[[metric]]
key = "reconsideration.mediation_rate"
label = "调解率"
formula = "(reconsideration.mediated + reconsideration.settled_withdrawn) ÷ reconsideration.concluded × 100"
decimals = 1
definition = "（调解 + 和解撤回）÷ 审结"

[[metric]]
key = "reconsideration.comprehensive_rate"
label = "综合化解率"
formula = "(reconsideration.direct_corrections + reconsideration.mediated + reconsideration.settled_withdrawn) / reconsideration.concluded * 100"
decimals = 0
definition = "（直接纠错 + 调解 + 和解撤回）÷ 审结"
"""


def concluded(year: int, n: int, how: str, decision: str = "") -> list[list]:
    cells = {"收到日期": f"{year}-03-04", "审查日期": f"{year}-03-06", "审结方式": how,
             "审结日期": f"{year}-05-20"}
    if decision:
        cells["决定类型"] = decision
    return [spreadsheet_row(HEADERS, DEFAULTS, {**cells, "申请人": f"申{year}{how}{decision}{i}"}) for i in range(n)]


@pytest.fixture
def district_year(tmp_path, users):
    """2023: 6 concluded (2 corrections, 1 mediated, 1 settled, 2 upheld); 2024: 11 concluded (撤销 2, 变更 1,
    维持 3, 驳回请求 1, 调解 1, 调解后撤回 1, 和解后撤回 1, 撤回 1)."""
    rows = (concluded(2023, 1, "决定", "撤销") + concluded(2023, 1, "决定", "变更") + concluded(2023, 1, "调解")
            + concluded(2023, 1, "和解后撤回") + concluded(2023, 2, "决定", "维持")
            + concluded(2024, 2, "决定", "撤销") + concluded(2024, 1, "决定", "变更")
            + concluded(2024, 3, "决定", "维持") + concluded(2024, 1, "决定", "驳回请求")
            + concluded(2024, 1, "调解") + concluded(2024, 1, "调解后撤回")
            + concluded(2024, 1, "和解后撤回") + concluded(2024, 1, "撤回"))
    path = write_xlsx(tmp_path / "district.xlsx", HEADERS, rows)
    report = imports.run(imports.importer("applications"), path, by=users["handler"])
    assert report.ok and report.written == 17, report.text()
    return users


def load(tmp_path, text, user="leader"):
    path = tmp_path / "district.toml"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("metrics", "load", str(path), "--user", user, stdout=out)
    return out.getvalue()


Y2024 = (date(2024, 1, 1), date(2024, 12, 31))


def test_the_second_districts_three_rates_from_its_counts(district_year, tmp_path):
    before = metrics.compute(*Y2024, lines=["reconsideration"])
    assert before["reconsideration.correction_rate"] == Decimal("42.9")  # Putuo's: 3 ÷ 7 decided
    out = load(tmp_path, DEFINITIONS)
    assert "已载入 3 条指标定义" in out
    res = metrics.compute(*Y2024, lines=["reconsideration"])
    counts = {k: res[f"reconsideration.{k}"] for k in
              ("concluded", "decided", "direct_corrections", "mediated", "settled_withdrawn")}
    assert counts == {"concluded": 11, "decided": 7, "direct_corrections": 3, "mediated": 2, "settled_withdrawn": 2}
    assert res["reconsideration.correction_rate"] == Decimal("27.3")  # 3 ÷ 11 concluded, not ÷ 7 decided
    assert res["reconsideration.mediation_rate"] == Decimal("36.4")  # (2 + 2) ÷ 11
    assert res["reconsideration.comprehensive_rate"] == Decimal("64")  # 7 ÷ 11 = 63.6 → a whole percent
    # Putuo's own 化解率 is untouched
    assert res["reconsideration.resolution_rate"] == Decimal("18.2")  # 2 ÷ 11
    # the definition text shown is the district's
    m = metrics.metric("reconsideration.correction_rate", Y2024[1])
    assert m.definition == "直接纠错 ÷ 审结" and str(m.label) == "纠错率"
    s = metrics.get_set("reconsideration", Y2024[1])
    assert [k.key for k in s.metrics][-2:] == ["reconsideration.mediation_rate", "reconsideration.comprehensive_rate"]
    assert AuditEvent.objects.filter(action="core.figure.saved").count() == 3


def test_counts_by_decision_type_and_the_year_on_year_change(district_year, tmp_path):
    load(tmp_path, DEFINITIONS)
    out = StringIO()
    call_command("metrics", "--from", "2024-01-01", "--to", "2024-12-31", "--line", "reconsideration", "--json",
                 "--compare", "previous-year", stdout=out)
    flat = json.loads(out.getvalue())
    assert flat["reconsideration.concluded"] == 11 and flat["reconsideration.concluded.previous"] == 6
    assert flat["reconsideration.concluded.change"] == 5
    assert flat["reconsideration.concluded.yoy"] == 83.3  # +5 on 6
    # 2023: 纠错率 2 ÷ 6 = 33.3; 综合化解率 4 ÷ 6 = 67 (whole percent)
    assert flat["reconsideration.correction_rate.previous"] == 33.3
    assert flat["reconsideration.correction_rate.yoy"] == -6.0  # 27.3 − 33.3 percentage points
    assert flat["reconsideration.comprehensive_rate"] == 64 and flat["reconsideration.comprehensive_rate.previous"] == 67
    assert flat["reconsideration.comprehensive_rate.yoy"] == -3
    rate = metrics.metric("reconsideration.correction_rate")
    assert metrics.describe_change(rate, Decimal("-6.0"), None) == "下降6.0个百分点"
    # counts by decision type: the breakdown of the decided cases adds up to the whole
    by_type = dict(metrics.breakdown("reconsideration.decided", *Y2024, by="decision_type"))
    assert sorted(by_type.values()) == [1, 1, 2, 3] and sum(by_type.values()) == flat["reconsideration.decided"]


def test_a_file_with_an_unknown_key_loads_nothing_and_names_entry_and_key(district_year, tmp_path):
    bad = DEFINITIONS.replace("reconsideration.settled_withdrawn) ÷", "reconsideration.setled) ÷")
    with pytest.raises(CommandError) as exc:
        load(tmp_path, bad)
    assert "第 2 条（reconsideration.mediation_rate）" in str(exc.value)
    assert "“reconsideration.setled”未登记" in str(exc.value)
    assert metrics.compute(*Y2024, lines=["reconsideration"])["reconsideration.correction_rate"] == Decimal("42.9")
    assert not metrics.is_registered("reconsideration.comprehensive_rate")


def test_a_definition_in_force_from_a_later_year_leaves_the_past_period_alone(district_year, tmp_path):
    load(tmp_path, DEFINITIONS.replace('decimals = 1\ndefinition = "直接纠错 ÷ 审结"',
                                       'decimals = 1\ndefinition = "直接纠错 ÷ 审结"\nvalid_from = 2024-01-01'))
    assert metrics.compute(date(2023, 1, 1), date(2023, 12, 31),
                           lines=["reconsideration"])["reconsideration.correction_rate"] == Decimal("50.0")  # Putuo's: 2 ÷ 4
    assert metrics.metric("reconsideration.correction_rate", date(2023, 12, 31)).definition != "直接纠错 ÷ 审结"
    assert metrics.compute(*Y2024, lines=["reconsideration"])["reconsideration.correction_rate"] == Decimal("27.3")


def test_a_zero_denominator_gives_a_dash_and_a_note(district_year, tmp_path):
    load(tmp_path, DEFINITIONS)
    res = metrics.compute(date(2025, 1, 1), date(2025, 3, 31), lines=["reconsideration"])
    assert res["reconsideration.comprehensive_rate"] is None and res.flat()["reconsideration.comprehensive_rate"] is None
    assert "分母为零" in res.notes["reconsideration.comprehensive_rate"]
    assert metrics.format_value(metrics.metric("reconsideration.comprehensive_rate"), None) == "—"
