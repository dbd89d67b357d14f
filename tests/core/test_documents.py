"""The GB/T 9704-2012 engine: read the .docx back and check the layout."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sifa.core import documents as d


def spec(**kw) -> d.OfficialDocument:
    base = dict(
        title="2022年度普陀区司法局法治政府建设情况报告", issuer_mark="上海市普陀区司法局文件",
        number="沪普司〔2022〕12号", signer="顾局长", addressee="区政府", signature="上海市普陀区司法局",
        date=date(2022, 11, 10),
        body=[d.p("今年以来，普陀区司法局坚持围绕中心、服务大局。"), d.h1("一、基本情况和主要做法"),
              d.h2("（一）统筹推进全面依法治国"), d.h3("1. 第三层"), d.p("一是坚持党的领导。" * 40),
              d.table(["被申请人", "收到"], [["区公安分局", 3], ["合计", 3]], caption="表1")])
    base.update(kw)
    return d.OfficialDocument(**base)


def read(content: bytes):
    return Document(io.BytesIO(content))


def east_asia(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def para_with(doc, text):
    return next(p for p in doc.paragraphs if p.text.startswith(text))


def test_page_is_a4_with_the_standard_margins_and_text_block():
    doc = read(d.render_docx(spec()))
    s = doc.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(297)) < Mm(0.1)
    assert abs(s.top_margin - Mm(37)) < Mm(0.1) and abs(s.left_margin - Mm(28)) < Mm(0.1)
    assert abs((s.page_width - s.left_margin - s.right_margin) - Mm(156)) < Mm(0.1)
    assert abs((s.page_height - s.top_margin - s.bottom_margin) - Mm(225)) < Mm(0.1)


def test_grid_holds_22_lines_of_28_characters():
    doc = read(d.render_docx(spec()))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    block_twips = Mm(225).twips
    assert 22 * pitch <= block_twips < 23 * pitch
    body = para_with(doc, "一是坚持党的领导")
    assert body.paragraph_format.line_spacing.twips == pitch
    run = body.runs[0]
    condense = int(run._element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20  # points
    char_pitch = run.font.size.pt + condense
    assert 28 * char_pitch <= Mm(156).pt < 29 * char_pitch


def test_fonts_follow_the_standard_for_each_level():
    doc = read(d.render_docx(spec()))
    title = para_with(doc, "2022年度")
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(para_with(doc, "一、基本").runs[0]) == "黑体"
    assert east_asia(para_with(doc, "（一）统筹").runs[0]) == "楷体_GB2312"
    assert east_asia(para_with(doc, "1. 第三层").runs[0]) == "仿宋_GB2312"
    body = para_with(doc, "今年以来")
    assert east_asia(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    # no theme font can override the named faces
    rfonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and rfonts.get(qn("w:eastAsiaTheme")) is None


def test_paragraphs_are_indented_two_characters():
    doc = read(d.render_docx(spec()))
    ind = para_with(doc, "今年以来")._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert abs(int(ind.get(qn("w:firstLine"))) / 20 - 2 * Mm(156).pt / 28) < 0.1


def test_red_header_has_red_issuer_mark_and_number_with_signer_on_one_line_above_a_red_line():
    doc = read(d.render_docx(spec()))
    mark = para_with(doc, "上海市普陀区司法局文件")
    assert str(mark.runs[0].font.color.rgb) == "E60012" and east_asia(mark.runs[0]) == "方正小标宋简体"
    assert abs(mark.paragraph_format.space_before - Mm(35)) < Mm(0.1)
    line = para_with(doc, "沪普司〔2022〕12号")
    assert line.text == "沪普司〔2022〕12号\t签发人：顾局长"
    assert east_asia(line.runs[-1]) == "楷体_GB2312"  # the signer's name
    bottom = line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "E60012"
    texts = [p.text for p in doc.paragraphs]
    i = texts.index(line.text)
    assert texts[i + 1:i + 3] == ["", ""]  # the title two lines below the red line
    assert [p.text for p in doc.paragraphs if p.text == "区政府："]


def test_a_document_sent_down_has_its_number_centred():
    doc = read(d.render_docx(spec(signer="")))
    line = para_with(doc, "沪普司〔2022〕12号")
    assert line.text == "沪普司〔2022〕12号" and line.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a_long_title_is_split_into_two_lines_and_an_authors_break_is_kept():
    assert d.title_lines("2022年度普陀区司法局法治政府建设情况报告") == ["2022年度普陀区司法局", "法治政府建设情况报告"]
    assert d.title_lines("2022年度普陀区司法局\n法治政府建设情况报告") == ["2022年度普陀区司法局", "法治政府建设情况报告"]
    assert d.title_lines("短标题") == ["短标题"]


def test_signature_and_chinese_date_at_the_end():
    doc = read(d.render_docx(spec()))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[-2:] == ["上海市普陀区司法局", "2022年11月10日"]
    date_para = doc.paragraphs[[p.text for p in doc.paragraphs].index("2022年11月10日")]
    assert date_para.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_para._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "400"  # sealed: four characters in
    assert d.chinese_date(date(2025, 3, 1)) == "2025年3月1日"


def test_page_numbers_are_dashed_songti_right_on_odd_and_left_on_even_pages():
    doc = read(d.render_docx(spec()))
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    for footer, align, side in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        para = footer.paragraphs[0]
        assert para.alignment == align
        assert getattr(para.paragraph_format, f"{side}_indent") == Pt(14)  # one 4号 character in
        xml = para._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert all(east_asia(r) == "宋体" and r.font.size == Pt(14) for r in para.runs)


def test_a_table_block_is_a_ruled_table():
    doc = read(d.render_docx(spec()))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["被申请人", "收到"]
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None


def test_a_plain_document_has_no_red_header():
    doc = read(d.render_docx(spec(issuer_mark="", signer="")))
    assert "E60012" not in doc.element.xml
    assert doc.paragraphs[0].text == "2022年度普陀区司法局"


def test_a_districts_own_template_is_used_for_its_units(settings, tmp_path, district):
    settings.VAR_DIR = tmp_path
    units = district["units"]
    tpl = d.default_template("red_header")
    d._para(tpl, "普陀区自定义模板")
    path = d.override_path("red_header", units["PT-SFJ"])
    path.parent.mkdir(parents=True)
    tpl.save(path)
    assert d.find_template("red_header", units["PT-SFJ-FY"]) == path  # an ancestor's template applies
    assert d.find_template("red_header", units["PT-GAFJ"]) == d.SHIPPED_TEMPLATES / "red_header.docx"
    mine = read(d.render_docx(spec(unit=units["PT-SFJ-FY"])))
    assert "普陀区自定义模板" in [p.text for p in mine.paragraphs]
    other = read(d.render_docx(spec(unit=units["PT-GAFJ"])))
    assert "普陀区自定义模板" not in [p.text for p in other.paragraphs]


def test_shipped_templates_render_and_a_template_without_body_is_refused():
    for kind in d.KINDS:
        assert (d.SHIPPED_TEMPLATES / f"{kind}.docx").is_file()
        d.check_template((d.SHIPPED_TEMPLATES / f"{kind}.docx").read_bytes())
    empty = Document()
    buf = io.BytesIO()
    empty.save(buf)
    with pytest.raises(d.TemplateError):
        d.check_template(buf.getvalue())


def test_fields_are_escaped_not_interpreted():
    doc = read(d.render_docx(spec(addressee="区政府 & <各委办局>")))
    assert "区政府 & <各委办局>：" in [p.text for p in doc.paragraphs]


def test_pdf_without_libreoffice_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(d.shutil, "which", lambda name: None)
    with pytest.raises(d.PdfUnavailable) as exc:
        d.render_pdf(d.render_docx(spec()))
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk" in str(exc.value)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_pdf_conversion_with_libreoffice():
    pdf = d.render_pdf(d.render_docx(spec()))
    assert pdf.startswith(b"%PDF")


def test_docx_download_is_audited(district):
    from sifa.core.models import AuditEvent

    user = district["users"]["leader"]
    resp = d.docx_response(d.render_docx(spec()), filename="报告", user=user)
    assert resp["Content-Disposition"].endswith(".docx")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "document.downloaded" and event.payload["read"] is True


def test_document_messages_are_translated():
    from django.utils import translation

    from sifa.reports.messages import DOCUMENT_MESSAGES

    assert tuple(DOCUMENT_MESSAGES) == d.MESSAGES
    with translation.override("zh-hans"):
        assert translation.gettext(d.MSG_PDF_NOT_INSTALLED).startswith("生成PDF需要LibreOffice")


def test_a_paragraph_is_printed_tidy():
    from sifa.core.documents import p

    assert p("三、拟听证事项：是否超期。。").text == "三、拟听证事项：是否超期。"
    assert p("听证地点：第一\n\n听证室，。").text == "听证地点：第一 听证室。"


def test_what_a_reader_would_take_for_a_mistake_is_found():
    from sifa.core.documents import Block, OfficialDocument, text_problems

    def problems(text):
        return text_problems(OfficialDocument(title="通知书", body=[Block("p", text)]))

    assert problems("本案案号：PT-1。承办人：。")
    assert problems("系区房管局区房管局副局长")
    assert problems("事项。。")
    assert not problems("本案案号：PT-1。承办人：王芳。系区房管局副局长。")
