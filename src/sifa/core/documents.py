"""Official documents (公文) rendered to .docx in the layout of GB/T 9704-2012.

A line builds an `OfficialDocument` (title, number, addressee, body blocks, signature, date) and calls
`render_docx`; views send it with `docx_response`, which records the download in the audit chain.

Body blocks: `p(text)` a paragraph (indented two characters), `h1("一、...")` 3号黑体, `h2("（一）...")` 3号楷体,
`h3("1. ...")` 3号仿宋. Layout: A4; margins top 37 mm, left 28 mm, text block 156 × 225 mm; 3号 (16 pt) body,
2号 (22 pt) title; 22 lines of 28 characters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.http import HttpResponse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import audit

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
RED = RGBColor(0xE6, 0x00, 0x12)
LINE_PITCH = Pt(28.9)  # 225 mm / 22 lines


@dataclass
class Block:
    kind: str  # p | h1 | h2 | h3 | raw (no indent)
    text: str


def p(text: str) -> Block:
    return Block("p", text)


def h1(text: str) -> Block:
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def h3(text: str) -> Block:
    return Block("h3", text)


@dataclass
class OfficialDocument:
    title: str
    body: list[Block] = field(default_factory=list)
    issuer_mark: str = ""  # 发文机关标志, e.g. 上海市普陀区司法局文件 (red header); empty: no red header
    number: str = ""  # 发文字号, e.g. 沪普司〔2022〕12号
    signer: str = ""  # 签发人 (documents sent upward)
    addressee: str = ""  # 主送机关
    signature: str = ""  # 发文机关署名
    date: date | None = None
    attachments: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)  # 抄送
    printer: str = ""  # 印发机关
    printed_on: date | None = None


def chinese_date(d: date) -> str:
    """2022年11月10日 (GB/T 9704: Arabic numerals, no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


def _font(run, name: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text: str = "", *, font=FANGSONG, size=SIZE_3, align=None, indent_chars: float = 0,
          bold=False, color=None, space_before=None):
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = space_before or Pt(0)
    fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(16 * indent_chars)
    if align is not None:
        para.alignment = align
    if text:
        _font(para.add_run(text), font, size, bold=bold, color=color)
    return para


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin = Mm(210 - 28 - 156)
    section.bottom_margin = Mm(297 - 37 - 225)
    section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7)
    # Document grid: 22 lines × 28 characters (w:docGrid type="linesAndChars").
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = sect_pr.makeelement(qn("w:docGrid"), {})
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(225 / 22 * 56.7)))  # twips per line
    grid.set(qn("w:charSpace"), "0")
    style = doc.styles["Normal"]
    style.font.name = FANGSONG
    style.font.size = SIZE_3
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FANGSONG)
    _page_numbers(doc)


def _page_numbers(doc) -> None:
    """— 1 — in 4号宋体: odd pages right, even pages left (one character in)."""
    settings = doc.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.append(settings.makeelement(qn("w:evenAndOddHeaders"), {}))
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        para = footer.paragraphs[0]
        para.alignment = align
        fmt = para.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(14)
        else:
            fmt.left_indent = Pt(14)
        _font(para.add_run("— "), SONGTI, SIZE_4)
        run = para.add_run()
        _font(run, SONGTI, SIZE_4)
        for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if tag:
                el = run._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): tag})
            else:
                el = run._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
                el.text = text
            run._element.append(el)
        _font(para.add_run(" —"), SONGTI, SIZE_4)


def _red_line(doc) -> None:
    para = _para(doc)
    p_pr = para._p.get_or_add_pPr()
    borders = p_pr.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:space"): "1",
                                                  qn("w:color"): "E60012"})
    borders.append(bottom)
    p_pr.append(borders)


def build(doc_spec: OfficialDocument):
    doc = Document()
    _page_setup(doc)
    if doc_spec.issuer_mark:
        _para(doc, doc_spec.issuer_mark, font=XIAOBIAOSONG, size=Pt(36), align=WD_ALIGN_PARAGRAPH.CENTER,
              color=RED, space_before=Pt(30))
        _para(doc)
    if doc_spec.number:
        if doc_spec.signer:
            para = _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
            para.paragraph_format.left_indent = Pt(16)
            _font(para.add_run(doc_spec.number), FANGSONG, SIZE_3)
            _font(para.add_run("\t签发人："), FANGSONG, SIZE_3)
            _font(para.add_run(doc_spec.signer), KAITI, SIZE_3)
            para.paragraph_format.tab_stops.add_tab_stop(Mm(156 - 36))
        else:
            _para(doc, doc_spec.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    if doc_spec.issuer_mark:
        _red_line(doc)
    _para(doc)
    _para(doc, doc_spec.title, font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc)
    if doc_spec.addressee:
        _para(doc, f"{doc_spec.addressee}：")
    for block in doc_spec.body:
        if block.kind == "h1":
            _para(doc, block.text, font=HEITI, indent_chars=2)
        elif block.kind == "h2":
            _para(doc, block.text, font=KAITI, indent_chars=2)
        elif block.kind == "raw":
            _para(doc, block.text)
        else:
            _para(doc, block.text, indent_chars=2)
    if doc_spec.attachments:
        _para(doc)
        for i, name in enumerate(doc_spec.attachments, 1):
            prefix = "附件：" if i == 1 else "　　　"
            _para(doc, f"{prefix}{i}. {name}" if len(doc_spec.attachments) > 1 else f"附件：{name}", indent_chars=2)
    if doc_spec.signature or doc_spec.date:
        _para(doc)
        _para(doc)
        if doc_spec.signature:
            para = _para(doc, doc_spec.signature, align=WD_ALIGN_PARAGRAPH.RIGHT)
            para.paragraph_format.right_indent = Pt(16 * 4)
        if doc_spec.date:
            para = _para(doc, chinese_date(doc_spec.date), align=WD_ALIGN_PARAGRAPH.RIGHT)
            para.paragraph_format.right_indent = Pt(16 * 4)
    if doc_spec.cc or doc_spec.printer:
        _para(doc)
        if doc_spec.cc:
            para = _para(doc, "抄送：" + "，".join(doc_spec.cc) + "。", size=SIZE_4)
            para.paragraph_format.left_indent = Pt(14)
        if doc_spec.printer:
            printed = chinese_date(doc_spec.printed_on or doc_spec.date or date.today()) + "印发"
            para = _para(doc, f"{doc_spec.printer}\t{printed}", size=SIZE_4)
            para.paragraph_format.tab_stops.add_tab_stop(Mm(150))
    return doc


def render_docx(doc_spec: OfficialDocument) -> bytes:
    buf = io.BytesIO()
    build(doc_spec).save(buf)
    return buf.getvalue()


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, *, filename: str, user, obj=None, action: str = "document.downloaded") -> HttpResponse:
    """Send a .docx and record the download as a read-access event."""
    from urllib.parse import quote

    audit.record_read(user, action, obj, summary=filename)
    resp = HttpResponse(content, content_type=DOCX_MIME)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.docx"
    return resp
