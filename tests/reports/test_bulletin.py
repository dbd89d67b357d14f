import io
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from docx import Document

from sifa.core import documents, metrics
from sifa.reports import bulletin


def test_quarter_periods_and_the_previous_quarter():
    assert bulletin.quarter_period(2022, 3) == (date(2022, 7, 1), date(2022, 9, 30))
    assert bulletin.quarter_period(2022, 4) == (date(2022, 10, 1), date(2022, 12, 31))
    assert bulletin.previous_quarter(2022, 1) == (2021, 4)


def test_figures_against_the_previous_quarter(records, line):
    b = bulletin.build(2022, 3, lines=[line])
    rows = {r.key: r for r in b.sections[0].figures}
    assert (rows[f"{line}.received"].current, rows[f"{line}.received"].previous) == (6, 4)
    assert rows[f"{line}.received"].change_text == "+2" and rows[f"{line}.received"].change_pct == "+50.0%"
    assert rows[f"{line}.person_rate"].current == Decimal("66.67")


def test_breakdown_tables_add_up_to_the_quarters_figures(records, line):
    b = bulletin.build(2022, 3, lines=[line])
    table = b.sections[0].tables[0]
    figures = metrics.compute(*bulletin.quarter_period(2022, 3), lines=[line]).values
    for j, key in enumerate(table.keys):
        column = sum(row[j + 1] for row in table.rows)
        assert column == table.totals[j] == figures[key]
    assert {row[0] for row in table.rows} == {"长寿路街道司法所", "曹杨新村街道司法所"}


def test_bulletin_document_has_tables_with_a_total_row(records, line, tmp_path):
    spec = bulletin.document(bulletin.build(2022, 3, lines=[line]), issuer_mark="上海市普陀区司法局文件")
    doc = Document(io.BytesIO(documents.render_docx(spec)))
    assert len(doc.tables) == 2
    assert doc.tables[1].rows[-1].cells[0].text == "合计"
    assert doc.tables[1].rows[-1].cells[1].text == "6"


def test_quarterly_command_writes_a_docx(records, tmp_path):
    out = tmp_path / "q3.docx"
    call_command("report", "quarterly", "--year", "2022", "--quarter", "3", "-o", str(out))
    assert Document(str(out)).paragraphs
