import json
import re
from datetime import date

import pytest
from django.urls import reverse

from sifa.core import documents
from sifa.reports import services
from sifa.reports.models import SectionLevel

Q = "?from=2022-01-01&to=2022-10-31"


def test_line_statistics_page_links_every_figure_and_checks_equations(records, users, login, line):
    client = login(users["stats"])
    resp = client.get(reverse("reports:line_stats", args=[line]) + Q + "&unit=PT-SFS-CSL")
    assert resp.status_code == 200
    html = resp.content.decode()
    # the statistics viewer reads no case contents: a figure links to the drill-down without personal data
    assert "/statistics/cases/?metric=testline.received&amp;from=2022-01-01&amp;to=2022-10-31&amp;unit=PT-SFS-CSL" in html
    assert "✓" in html and "收到 = 自然人 + 组织：7 = 7" in html
    charts = json.loads(re.search(r'<script id="stats-charts" type="application/json">(.*?)</script>', html, re.S).group(1))
    trend = next(c for c in charts if c["id"] == f"trend-{line}")
    assert trend["x"][:3] == ["2022-01", "2022-02", "2022-03"]
    assert sum(next(s for s in trend["series"] if s["name"] == "收到")["data"]) == 7  # CSL's: 3+1+3
    assert "<script>" not in html.replace('<script id="stats-charts" type="application/json">', "")


def test_a_figure_s_code_shows_only_with_its_definition(records, users, login, line):
    """A reader sees the figure's name; its code (testline.received), for report templates and the API, is
    inside the definition a user opens, not beside every figure."""
    html = login(users["stats"]).get(reverse("reports:line_stats", args=[line]) + Q).content.decode()
    row = re.search(r'<tr id="figure-testline.received">(.*?)</tr>', html, re.S).group(1)
    heading, details = re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1), re.search(r"<details>(.*?)</details>", row, re.S).group(1)
    assert "testline.received" not in heading
    assert "testline.received" in details


def test_statistics_need_the_permission(records, users, login, line):
    client = login(users["changshou"])
    assert client.get(reverse("reports:line_stats", args=[line])).status_code == 403


def test_a_user_can_only_choose_units_they_see(records, users, login, line):
    client = login(users["fuyi_head"])
    resp = client.get(reverse("reports:line_stats", args=[line]) + Q + "&unit=PT-SFS-CSL")
    assert resp.status_code == 200
    assert resp.context["unit"].code == "PT-SFJ-FY"  # the invalid choice falls back to the user's own unit
    assert resp.context["st"].rows[0].raw == 0


def test_statistics_tables_export_to_excel(records, users, login, line):
    client = login(users["stats"])
    for which in ("figures", "trend", "breakdown-0"):
        resp = client.get(reverse("reports:line_stats", args=[line]) + Q + f"&export={which}")
        assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_district_page_query_count_does_not_grow_with_records(records, users, login, line):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import make

    client = login(users["stats"])
    client.get(reverse("reports:stats") + Q)  # warm caches (content types, calendar)
    with CaptureQueriesContext(connection) as before:
        resp = client.get(reverse("reports:stats") + Q)
    assert resp.status_code == 200 and "测试业务" in resp.content.decode()
    make(records["PT-SFS-CSL"], "person", date(2022, 3, 3), 20)
    make(records["PT-SFS-CYXC"], "organisation", date(2022, 4, 4), 20)
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("reports:stats") + Q)
    # One aggregate per model of each registered line, whatever the number of rows.
    assert len(after.captured_queries) == len(before.captured_queries)


def test_nav_item_for_statistics_and_reports(users, login):
    resp = login(users["leader"]).get("/")
    assert reverse("reports:index") in resp.content.decode()


@pytest.fixture
def report(records, users, line):
    return services.report_create(
        year=2022, unit=records["PT-SFJ"], through=date(2022, 10, 31), by=users["leader"], signer="顾局长",
        sections=[(SectionLevel.OPENING, "", "", "开头。"),
                  (SectionLevel.SECTION, "（一）测试", line, "共收到{{ testline.received }}件。")])


def test_leader_edits_a_paragraph_and_downloads_the_docx(report, users, login):
    client = login(users["leader"])
    detail = client.get(reverse("reports:annual_detail", args=[report.pk]))
    assert "共收到15件。" in detail.content.decode()
    section = report.sections.get(heading="（一）测试")
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    page = client.get(url)
    assert "{{ testline.received }}" in page.content.decode()  # the generated paragraph on offer
    resp = client.post(url, {"level": 2, "heading": "（一）测试", "line": "testline", "version": section.version,
                             "body": "今年共收到{{ testline.received }}件，其中自然人{{ testline.persons }}件。"})
    assert resp.status_code == 302
    detail = client.get(reverse("reports:annual_detail", args=[report.pk]))
    assert "今年共收到15件，其中自然人12件。" in detail.content.decode()
    doc = client.get(reverse("reports:annual_download", args=[report.pk, "docx"]))
    assert doc.status_code == 200 and doc["Content-Type"] == documents.DOCX_MIME


def test_an_unknown_placeholder_is_shown_on_the_field(report, users, login):
    client = login(users["leader"])
    section = report.sections.get(heading="（一）测试")
    resp = client.post(reverse("reports:section_edit", args=[report.pk, section.pk]),
                       {"level": 2, "heading": "（一）测试", "line": "", "version": section.version,
                        "body": "共收到{{ testline.recieved }}件。"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.status_code == 200
    assert "不是已登记的统计指标" in resp.content.decode()


def test_a_stale_version_gets_the_conflict_message(report, users, login):
    client = login(users["leader"])
    section = report.sections.get(heading="（一）测试")
    data = {"level": 2, "heading": "（一）测试", "line": "", "version": section.version, "body": "第一次。"}
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    assert client.post(url, data).status_code == 302
    resp = client.post(url, {**data, "body": "第二次。"})
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    section.refresh_from_db()
    assert section.body == "第一次。"


def test_pdf_without_libreoffice_explains_how_to_install_it(report, users, login, monkeypatch):
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    resp = login(users["leader"]).get(reverse("reports:annual_download", args=[report.pk, "pdf"]))
    assert resp.status_code == 503
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk" in resp.content.decode()


def test_quarterly_bulletin_downloads_from_the_ui(records, users, login, line):
    resp = login(users["stats"]).get(reverse("reports:quarterly") + "?year=2022&quarter=3&fmt=docx")
    assert resp.status_code == 200 and resp["Content-Type"] == documents.DOCX_MIME


def test_a_district_uploads_a_template(users, login, settings, tmp_path, district):
    settings.VAR_DIR = tmp_path
    client = login(users["leader"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = documents.default_template_bytes("red_header")
    resp = client.post(reverse("reports:templates"), {
        "kind": "red_header", "unit": district["units"]["PT-SFJ"].pk,
        "file": SimpleUploadedFile("t.docx", content)})
    assert resp.status_code == 302
    assert documents.find_template("red_header", district["units"]["PT-SFJ"]) == tmp_path / "templates/documents/PT-SFJ/red_header.docx"
    bad = client.post(reverse("reports:templates"), {"kind": "red_header", "file": SimpleUploadedFile("t.docx", b"no")})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_header_edit_is_saved_and_audited_with_the_changed_fields(report, users, login):
    from sifa.core.models import AuditEvent

    client = login(users["leader"])
    resp = client.post(reverse("reports:annual_header", args=[report.pk]), {
        "title": "新标题", "issuer_mark": report.issuer_mark, "signer": "王副局长", "addressee": "区政府",
        "through": "2022-09-30", "scope": "", "signature": report.signature, "dated": "2022-11-10",
        "version": report.version})
    assert resp.status_code == 302
    report.refresh_from_db()
    assert (report.signer, report.through) == ("王副局长", date(2022, 9, 30))
    event = AuditEvent.objects.filter(action="reports.annual.updated").latest("seq")
    assert set(event.payload["fields"]) == {"title", "signer", "through", "dated"}
