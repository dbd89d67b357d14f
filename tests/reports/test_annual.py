import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn

from sifa.core import documents
from sifa.core.cases import ConflictError
from sifa.core.models import AuditEvent
from sifa.reports import annual, services
from sifa.reports.models import ReportSection, SectionLevel
from sifa.reports.placeholders import PlaceholderError


@pytest.fixture
def report(records, users, line):
    return services.report_create(
        year=2022, unit=records["PT-SFJ"], through=date(2022, 9, 30), by=users["leader"],
        title="2022年度普陀区司法局|法治政府建设情况报告", signer="顾局长", dated=date(2022, 11, 10),
        sections=[
            (SectionLevel.OPENING, "", "", "今年以来，普陀区司法局坚持围绕中心。"),
            (SectionLevel.PART, "一、基本情况和主要做法", "", ""),
            (SectionLevel.SECTION, "（一）测试业务", line,
             f"截至9月底，共收到{{{{ {line}.received }}}}件，其中自然人{{{{ {line}.persons }}}}件。\n"
             f"自然人比例{{{{ {line}.person_rate:1 }}}}%。"),
            (SectionLevel.PART, "二、存在的不足", "", ""),
        ])


def test_the_report_fills_its_figures_from_1_january_to_the_through_date(report, line):
    spec = annual.document(report)
    texts = [b.text for b in spec.body]
    # 2022-01-01..09-30: 3+1 in Q2, 3+1+2 in Q3 → 10 received, 7 persons
    assert "截至9月底，共收到10件，其中自然人7件。" in texts
    assert "自然人比例70.0%。" in texts
    later = annual.document(report, through=date(2022, 10, 31))
    assert "截至9月底，共收到15件，其中自然人12件。" in [b.text for b in later.body]


def test_the_docx_has_the_seeds_structure(report):
    report = services.report_number(report=report, by=None, expected_version=report.version)
    doc = Document(io.BytesIO(documents.render_docx(annual.document(report))))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "上海市普陀区司法局文件"
    assert "沪普司〔2022〕1号\t签发人：顾局长" in texts
    assert ["2022年度普陀区司法局", "法治政府建设情况报告"] == [t for t in texts if "2022年度" in t or t == "法治政府建设情况报告"]
    assert "区政府：" in texts
    heading = next(p for p in doc.paragraphs if p.text == "一、基本情况和主要做法")
    assert heading.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert [t for t in texts if t][-2:] == ["上海市普陀区司法局", "2022年11月10日"]


def test_numbers_come_from_the_bureaus_series(report, users):
    services.report_number(report=report, by=users["leader"], expected_version=report.version)
    assert report.number == "沪普司〔2022〕1号"
    with pytest.raises(ValidationError):
        services.report_number(report=report, by=users["leader"], expected_version=report.version)


def test_an_unknown_placeholder_is_refused_on_save(report, users):
    section = report.sections.get(heading="（一）测试业务")
    with pytest.raises(ValidationError) as exc:
        services.section_update(section=section, by=users["leader"], expected_version=section.version,
                                heading=section.heading, body="共收到{{ testline.recieved }}件。")
    assert "body" in exc.value.message_dict
    section.refresh_from_db()
    assert "recieved" not in section.body


def test_a_placeholder_whose_metric_went_away_is_an_error_on_render(report, line):
    from sifa.core import metrics

    metrics.unregister(line)
    with pytest.raises(PlaceholderError) as exc:
        annual.document(report)
    assert {p.where for p in exc.value.problems} == {"（一）测试业务"}


def test_a_stale_edit_is_refused_and_history_keeps_every_version(report, users):
    section = report.sections.get(heading="（一）测试业务")
    v = section.version
    services.section_update(section=section, by=users["leader"], expected_version=v, heading=section.heading,
                            body="第一次修改。")
    stale = ReportSection.objects.get(pk=section.pk)
    stale.version = v
    with pytest.raises(ConflictError):
        services.section_update(section=stale, by=users["fuyi_head"], expected_version=v,
                                heading=section.heading, body="过期的修改。")
    section.refresh_from_db()
    assert section.body == "第一次修改。" and section.version == v + 1
    assert section.history.count() == 2
    services.section_restore(section=section, by=users["leader"], expected_version=section.version,
                             history_id=section.history.order_by("history_date").first().history_id)
    section.refresh_from_db()
    assert "{{ testline.received }}" in section.body and section.history.count() == 3
    assert AuditEvent.objects.filter(action="reports.section.updated").count() == 2


def test_a_section_changed_since_the_page_was_opened_is_not_deleted(report, users):
    section = report.sections.get(heading="（一）测试业务")
    opened = ReportSection.objects.get(pk=section.pk)  # the delete button's page, opened on this version
    services.section_update(section=section, by=users["leader"], expected_version=section.version,
                            heading=section.heading, body="局长刚补充的内容。")
    with pytest.raises(ConflictError):
        services.section_delete(section=opened, by=users["fuyi_head"], expected_version=opened.version)
    assert ReportSection.objects.get(pk=section.pk).body == "局长刚补充的内容。"
    current = ReportSection.objects.get(pk=section.pk)
    services.section_delete(section=current, by=users["leader"], expected_version=current.version)
    assert not ReportSection.objects.filter(pk=section.pk).exists()


def test_sections_can_be_inserted_after_another(report, users):
    first = report.sections.get(heading="一、基本情况和主要做法")
    added = services.section_add(report=report, by=users["leader"], after=first, level=SectionLevel.SECTION,
                                 heading="（零）新增", body="新增内容。")
    headings = list(report.sections.values_list("heading", flat=True))
    assert headings.index(added.heading) == headings.index(first.heading) + 1


def test_annual_command_writes_the_report_and_reports_placeholder_errors(report, tmp_path, line):
    from sifa.core import metrics

    out = tmp_path / "report.docx"
    call_command("report", "annual", "--year", "2022", "--through", "2022-10-31", "-o", str(out))
    assert "截至9月底，共收到15件，其中自然人12件。" in [p.text for p in Document(str(out)).paragraphs]
    metrics.unregister(line)
    with pytest.raises(CommandError, match="testline.received"):
        call_command("report", "annual", "--year", "2022", "-o", str(out))
    with pytest.raises(CommandError):
        call_command("report", "annual", "--year", "2021", "-o", str(out))
