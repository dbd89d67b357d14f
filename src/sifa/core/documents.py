"""Official documents (公文) rendered to .docx in the layout of GB/T 9704-2012, and to PDF where LibreOffice is
installed.

A line builds an `OfficialDocument` (title, number, addressee, body blocks, signature, date) and calls
`render_docx`; views send it with `docx_response`, which records the download in the audit chain.

Body blocks: `p(text)` a paragraph (indented two characters), `h1("一、...")` 3号黑体, `h2("（一）...")` 3号楷体,
`h3("1. ...")` and `h4("（1）...")` 3号仿宋, `table(headers, rows)` a ruled table in 4号仿宋.

Layout (GB/T 9704-2012): A4; margins top 37 mm, left 28 mm; text block 156 × 225 mm; a document grid of
22 lines × 28 characters; body 3号 (16 pt) 仿宋_GB2312, title 2号 (22 pt) 方正小标宋简体; page numbers
"— 1 —" in 4号宋体, 7 mm below the text block, right on odd pages and left on even pages, one character in.

Templates are data. The page set-up and the head of a document (issuer mark, red line, number, 签发人, title,
addressee) come from a docxtpl template, found in this order:

1. the `template` given to `render_docx` (a path);
2. `$SIFA_VAR_DIR/templates/documents/<unit code>/<kind>.docx` for the document's unit, then each of its
   ancestors (a district or a bureau overrides the default for its own documents);
3. `$SIFA_VAR_DIR/templates/documents/<kind>.docx` (the installation's override);
4. the shipped default `sifa/core/templates/documents/<kind>.docx`.

Kinds: `red_header` (红头文件: red issuer mark and red separator line) and `plain` (文书: no red header).
A template may use the fields `issuer_mark number signer addressee title title_lines signature date` and must
hold one paragraph `{{ body }}`, where the body blocks, attachments and signature block are spliced in.
`sifa report template --kind red_header -o file.docx` writes the default to start from; edit it in Word.

A template's tags are untrusted code: every template, shipped or uploaded, is rendered in the document sandbox
(core.template_sandbox), which allows these fields, `{% if %}`, `{% for %}` and a few filters, nothing else. An
upload is refused when its tags do not pass (`check_template`); a stored template that does not is not rendered:
`TemplateError` says which template to replace, and core.middleware shows it to the user instead of a server
error.
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor, Twips

from . import audit, template_sandbox

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
ISSUER_MARK_SIZE = Pt(36)  # 小初; shrunk to fit the text block when the mark is long
RED = RGBColor(0xE6, 0x00, 0x12)
RED_HEX = "E60012"

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_LEFT = Mm(37), Mm(28)
BLOCK_W, BLOCK_H = Mm(156), Mm(225)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# The grid. Lines: 225 mm / 22 = 579 twips (28.95 pt), a line grid (w:docGrid type="lines") and exact line
# spacing. Characters: 156 mm / 28 = 15.79 pt a character, narrower than a 16 pt glyph, so every run is condensed
# by 0.25 pt (w:spacing -5 twentieths: 28 × 15.75 pt = 441 pt fits the 442.2 pt block). A character grid
# (type="linesAndChars" with a negative w:charSpace) would do this in Word, but LibreOffice then gives every
# glyph wider than a cell two cells, and the PDF comes out with 14 characters a line.
LINE_PITCH_TWIPS = int(BLOCK_H.twips / LINES_PER_PAGE)
LINE_PITCH = Twips(LINE_PITCH_TWIPS)
CHAR_PITCH_PT = BLOCK_W.pt / CHARS_PER_LINE
CONDENSE_TWENTIETHS = -5
KINDS = ("red_header", "plain")
TITLE_BREAK_AFTER = "局府委会院厅室处办所的于"
BODY_MARKER = "[[sifa:body]]"
SHIPPED_TEMPLATES = Path(__file__).resolve().parent / "templates" / "documents"
FONTCONFIG_FILE = Path(__file__).resolve().parent / "fonts" / "fonts.conf"


# Messages shown to users. They are variables, not literals, so that the core catalog does not list them: their
# Chinese text is kept in the reports app's catalog (sifa/reports/messages.py; gettext reads every installed app's
# catalog) until core's catalog takes them over.
MSG_TEMPLATE_BROKEN = "The template cannot be rendered: %(error)s"
MSG_TEMPLATE_NO_BODY = "The template has no paragraph holding only {{ body }}."
MSG_PDF_NOT_INSTALLED = ("PDF needs LibreOffice, which is not installed on this server. "
                         "An administrator can install it with: %(cmd)s")
MSG_PDF_TIMEOUT = "LibreOffice did not finish converting the document in %(s)s seconds."
MSG_PDF_FAILED = "LibreOffice could not convert the document: %(err)s"
MESSAGES = (MSG_TEMPLATE_BROKEN, MSG_TEMPLATE_NO_BODY, MSG_PDF_NOT_INSTALLED, MSG_PDF_TIMEOUT, MSG_PDF_FAILED)


@dataclass
class Block:
    kind: str  # p | h1 | h2 | h3 | h4 | raw (no indent) | table
    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


_DOUBLED = re.compile(r"([。，；、：！？])\1+")
_WEAK_BEFORE_STOP = re.compile(r"[，、；：]+。")
_EMPTY_FIELD = re.compile(r"[：:](?=[。；，])")  # 承办人：。 (a colon ending a paragraph introduces what follows)
_REPEATED = re.compile(r"([\u4e00-\u9fff]{3,})\1")


def tidy(text: str) -> str:
    """A paragraph as it is printed: one line (a value typed over several lines joins up), no doubled
    punctuation (a value that ends with 。 put before a 。 of the sentence), no comma or colon before a full stop."""
    text = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    text = _DOUBLED.sub(r"\1", text)
    return _WEAK_BEFORE_STOP.sub("。", text)


def text_problems(doc: OfficialDocument) -> list[str]:
    """What a reader of the printed document would take for a mistake: a field with nothing after its colon
    (承办人：。), doubled punctuation, a name written twice in a row (区房管局区房管局), an empty paragraph."""
    out = []
    texts = [doc.title, doc.addressee, doc.signature, *(b.text for b in doc.body if b.kind != "table")]
    texts += [str(c) for b in doc.body if b.kind == "table" for row in b.rows for c in row]
    for text in texts:
        if _EMPTY_FIELD.search(text or ""):
            out.append(f"empty field: {text}")
        if _DOUBLED.search(text or ""):
            out.append(f"doubled punctuation: {text}")
        if (m := _REPEATED.search(text or "")) is not None:
            out.append(f"written twice ({m.group(1)}): {text}")
    out += [f"empty paragraph after: {doc.body[i - 1].text if i else doc.title}"
            for i, b in enumerate(doc.body) if b.kind == "p" and not b.text.strip()]
    return out


def p(text: str) -> Block:
    return Block("p", tidy(text))


def h1(text: str) -> Block:
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def h3(text: str) -> Block:
    return Block("h3", text)


def h4(text: str) -> Block:
    return Block("h4", text)


def table(headers: list[str], rows: list[list], caption: str = "") -> Block:
    """A ruled table (e.g. a bulletin's figures by respondent); `caption` is set above it, centred, 黑体."""
    return Block("table", caption, headers=list(headers), rows=[list(r) for r in rows])


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
    kind: str = ""  # template kind; default: red_header when there is an issuer mark, else plain
    unit: object = None  # the issuing unit: its template overrides the installation's
    sealed: bool = True  # 加盖印章: three blank lines for the seal, date four characters from the right

    @property
    def template_kind(self) -> str:
        return self.kind or ("red_header" if self.issuer_mark else "plain")


def chinese_date(d: date) -> str:
    """2022年11月10日 (GB/T 9704: Arabic numerals, no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"


# --- low-level formatting ---------------------------------------------------------------------------

def _font(run, name: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    """Set a run's face for Latin and East Asian text alike: Word picks w:eastAsia for Chinese characters."""
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    if rpr.find(qn("w:spacing")) is None:
        rpr.find(qn("w:sz")).addprevious(rpr.makeelement(qn("w:spacing"), {qn("w:val"): str(CONDENSE_TWENTIETHS)}))
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):  # a theme font would win over the named face
            del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")
    if color is not None:
        run.font.color.rgb = color


def _exact(para, height=LINE_PITCH) -> None:
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = height
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _indent_chars(para, chars: float, *, first_line: bool = True, side: str = "left") -> None:
    """Indent by grid characters (w:firstLineChars etc., understood by Word and LibreOffice) with the twips
    equivalent as a fallback for readers that ignore character units."""
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    twips = str(round(CHAR_PITCH_PT * chars * 20))
    hundredths = str(int(chars * 100))
    if first_line:
        ind.set(qn("w:firstLine"), twips)
        ind.set(qn("w:firstLineChars"), hundredths)
    else:
        ind.set(qn(f"w:{side}"), twips)
        ind.set(qn(f"w:{side}Chars"), hundredths)


def _para(container, text: str = "", *, font=FANGSONG, size=SIZE_3, align=None, indent_chars: float = 0,
          bold=False, color=None):
    para = container.add_paragraph()
    _exact(para)
    if indent_chars:
        _indent_chars(para, indent_chars)
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    if text:
        _font(para.add_run(text), font, size, bold=bold, color=color)
    return para


def _border(para, edge: str = "bottom", *, color: str = RED_HEX, size_eighths: int = 12, space_pt: int = 0):
    p_pr = para._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = p_pr.makeelement(qn("w:pBdr"), {})
        # CT_PPr order: pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers
        # pBdr shd tabs ... — insert before the first element that must follow pBdr.
        later = [qn(t) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")]
        for child in p_pr:
            if child.tag in later:
                child.addprevious(borders)
                break
        else:
            p_pr.append(borders)
    el = borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "single", qn("w:sz"): str(size_eighths),
                                                qn("w:space"): str(space_pt), qn("w:color"): color})
    borders.append(el)


def _field(para, instr: str, font=SONGTI, size=SIZE_4) -> None:
    """A complex field (begin, instruction, separate, cached result, end), each part in its own run."""
    def run_with(tag, **attrs):
        run = para.add_run()
        _font(run, font, size)
        el = run._element.makeelement(qn(tag), {qn(k): v for k, v in attrs.items()})
        run._element.append(el)
        return el

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr_el = run_with("w:instrText", **{"xml:space": "preserve"})
    instr_el.text = f" {instr} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    _font(para.add_run("1"), font, size)
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _text_width_chars(text: str) -> float:
    """Width in full-width characters: ASCII digits and letters are half-width."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


# --- page set-up: shared by the shipped templates and the template-less build ----------------------

def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin, section.left_margin = MARGIN_TOP, MARGIN_LEFT
    section.right_margin = Mm(210 - 28 - 156)
    section.bottom_margin = Mm(297 - 37 - 225)
    # The page number's line sits 7 mm below the text block: 35 - 7 mm from the page's foot to its top, less
    # its own height (one 4号 line).
    section.header_distance = Mm(15)
    section.footer_distance = Emu(Mm(35 - 7) - Pt(16))
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = sect_pr.makeelement(qn("w:docGrid"), {})
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    _default_fonts(doc)
    _page_numbers(doc)


def _default_fonts(doc) -> None:
    """Document defaults: 3号仿宋_GB2312, Chinese language, no theme fonts, no spacing after paragraphs."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FANGSONG)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(SIZE_3.pt * 2)))
    if rpr.find(qn("w:spacing")) is None:
        rpr.find(qn("w:sz")).addprevious(rpr.makeelement(qn("w:spacing"), {qn("w:val"): str(CONDENSE_TWENTIETHS)}))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(LINE_PITCH_TWIPS))
    spacing.set(qn("w:lineRule"), "exact")
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    nrfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        nrfonts.set(qn(attr), FANGSONG)


def _page_numbers(doc) -> None:
    """— 1 — in 4号宋体: odd pages right, even pages left, one character in (GB/T 9704 §7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        for run in list(para.runs):
            run._element.getparent().remove(run._element)
        para.alignment = align
        _exact(para, Pt(16))
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = SIZE_4
        else:
            para.paragraph_format.left_indent = SIZE_4
        _font(para.add_run("— "), SONGTI, SIZE_4)
        _field(para, "PAGE")
        _font(para.add_run(" —"), SONGTI, SIZE_4)


# --- the default templates ------------------------------------------------------------------------

def _tag_para(doc, tag: str) -> None:
    """A paragraph holding only a docxtpl block tag ({%p ... %}); docxtpl removes it when rendering."""
    para = doc.add_paragraph()
    _exact(para)
    _font(para.add_run(tag), FANGSONG, SIZE_3)


def _number_line(doc, *, with_signer: bool, red: bool) -> None:
    if with_signer:
        # 发文字号 one character in from the left, 签发人 one character in from the right (GB/T 9704 §7.2.4).
        para = _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
        _indent_chars(para, 1, first_line=False, side="left")
        _indent_chars(para, 1, first_line=False, side="right")
        para.paragraph_format.tab_stops.add_tab_stop(Emu(BLOCK_W - Pt(CHAR_PITCH_PT) * 2), WD_TAB_ALIGNMENT.RIGHT)
        _font(para.add_run("{{ number }}"), FANGSONG, SIZE_3)
        _font(para.add_run("\t签发人："), FANGSONG, SIZE_3)
        _font(para.add_run("{{ signer }}"), KAITI, SIZE_3)
    else:
        para = _para(doc, "{{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    if red:
        # The red separator line 4 mm below the 发文字号, across the text block (§7.2.5).
        _border(para, "bottom", space_pt=round(Mm(4).pt - (LINE_PITCH.pt - SIZE_3.pt) / 2))


def default_template(kind: str):
    """The shipped default template of a kind, built with python-docx (a `docx.Document`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page_setup(doc)
    if kind == "red_header":
        # 发文机关标志: red 小标宋, centred; its top edge 35 mm below the top of the text block (§7.2.3).
        mark_height = Emu(ISSUER_MARK_SIZE + Pt(8))
        para = _para(doc, "{{ issuer_mark }}", font=XIAOBIAOSONG, size=ISSUER_MARK_SIZE,
                     align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
        _exact(para, mark_height)
        para.paragraph_format.space_before = Mm(35)
        _para(doc)
        _para(doc)  # 发文字号 two lines below the mark
        _tag_para(doc, "{%p if signer %}")
        _number_line(doc, with_signer=True, red=True)
        _tag_para(doc, "{%p else %}")
        _number_line(doc, with_signer=False, red=True)
        _tag_para(doc, "{%p endif %}")
        _para(doc)
        _para(doc)  # title two lines below the red line
        _tag_para(doc, "{%p for line in title_lines %}")
        _para(doc, "{{ line }}", font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
        _tag_para(doc, "{%p endfor %}")
    else:
        _tag_para(doc, "{%p for line in title_lines %}")
        _para(doc, "{{ line }}", font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
        _tag_para(doc, "{%p endfor %}")
        _tag_para(doc, "{%p if number %}")
        _para(doc, "{{ number }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        _tag_para(doc, "{%p endif %}")
    _tag_para(doc, "{%p if addressee %}")
    _para(doc)  # 主送机关 one line below the title, flush left
    _para(doc, "{{ addressee }}：", align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag_para(doc, "{%p endif %}")
    _para(doc, "{{ body }}")
    return doc


def default_template_bytes(kind: str) -> bytes:
    buf = io.BytesIO()
    default_template(kind).save(buf)
    return buf.getvalue()


def template_dirs() -> list[Path]:
    return [Path(settings.VAR_DIR) / "templates" / "documents"]


def find_template(kind: str, unit=None) -> Path | None:
    """The template a document of this kind and unit is rendered with (see the module docstring)."""
    candidates: list[Path] = []
    for base in template_dirs():
        if unit is not None:
            codes = [c for c in unit.path.strip("/").split("/") if c]
            candidates += [base / code / f"{kind}.docx" for code in reversed(codes)]
        candidates.append(base / f"{kind}.docx")
    candidates.append(SHIPPED_TEMPLATES / f"{kind}.docx")
    return next((c for c in candidates if c.is_file()), None)


def override_path(kind: str, unit=None) -> Path:
    """Where an uploaded template for a kind (and unit) is stored."""
    base = template_dirs()[0]
    return (base / unit.code if unit is not None else base) / f"{kind}.docx"


class TemplateError(ValueError):
    pass


def check_template(content: bytes) -> None:
    """Refuse a template whose tags do not compile in the document sandbox (core.template_sandbox), reach outside
    it, cannot be rendered, or that has no `{{ body }}` paragraph. It is rendered twice, with every field filled
    and with every optional field empty, so that both sides of each `{% if %}` run once."""
    from docxtpl import DocxTemplate

    full = OfficialDocument(title="—\n—", number="—", addressee="—", signer="—", issuer_mark="—", signature="—",
                            date=date(2000, 1, 1))
    for spec in (full, OfficialDocument(title="—")):
        try:
            tpl = DocxTemplate(io.BytesIO(content))
            _render(tpl, spec)
        except TemplateError:
            raise
        except Exception as exc:  # docxtpl raises zip and XML errors as they come
            raise TemplateError(_(MSG_TEMPLATE_BROKEN) % {"error": exc}) from exc
    if not any(par.text.strip() == BODY_MARKER for par in tpl.docx.paragraphs):
        raise TemplateError(_(MSG_TEMPLATE_NO_BODY))


def _render(tpl, spec: OfficialDocument) -> None:
    """Render a docxtpl template's tags in the document sandbox. A refused tag raises TemplateError with a message
    for the user; so does any other Jinja error (a stored template is shown as broken, not as a server error)."""
    from jinja2 import TemplateError as JinjaError
    from jinja2.sandbox import SecurityError

    try:
        tpl.render(_context(spec), jinja_env=template_sandbox.environment())
    except template_sandbox.TemplateRefused as exc:
        raise TemplateError(str(exc)) from exc
    except SecurityError as exc:
        raise TemplateError(_("The template reaches outside what a document template may use: %(error)s")
                            % {"error": exc}) from exc
    except JinjaError as exc:
        raise TemplateError(_(MSG_TEMPLATE_BROKEN) % {"error": exc}) from exc


# --- the body ---------------------------------------------------------------------------------------

def _write_table(container, block: Block) -> None:
    if block.text:
        _para(container, block.text, font=HEITI, align=WD_ALIGN_PARAGRAPH.CENTER)
    tbl = container.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate([block.headers, *block.rows]):
        for c, value in enumerate(values):
            cell = tbl.cell(r, c)
            cell.paragraphs[0].text = ""
            para = cell.paragraphs[0]
            _exact(para, Pt(22))
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER if (r == 0 or c > 0) else WD_ALIGN_PARAGRAPH.LEFT
            _font(para.add_run("" if value is None else str(value)), HEITI if r == 0 else FANGSONG, SIZE_4)
    _set_table_borders(tbl)


def _set_table_borders(tbl) -> None:
    tbl_pr = tbl._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "single", qn("w:sz"): "4",
                                                             qn("w:space"): "0", qn("w:color"): "000000"}))
    tbl_pr.append(borders)


def _write_body(container, spec: OfficialDocument) -> None:
    for block in spec.body:
        if block.kind == "h1":
            _para(container, block.text, font=HEITI, indent_chars=2)
        elif block.kind == "h2":
            _para(container, block.text, font=KAITI, indent_chars=2)
        elif block.kind == "raw":
            _para(container, block.text)
        elif block.kind == "table":
            _write_table(container, block)
        else:  # p, h3, h4: 仿宋
            _para(container, block.text, indent_chars=2)
    if spec.attachments:
        _para(container)
        many = len(spec.attachments) > 1
        for i, name in enumerate(spec.attachments, 1):
            if not many:
                text = f"附件：{name}"
            else:
                text = f"附件：{i}. {name}" if i == 1 else f"{i}. {name}"
            para = _para(container, text, indent_chars=0 if (many and i > 1) else 2)
            if many and i > 1:  # aligned under the first attachment's name
                _indent_chars(para, 5, first_line=False, side="left")
    _signature(container, spec)
    _record_block(container, spec)


def _signature(container, spec: OfficialDocument) -> None:
    """Signature and date (GB/T 9704 §7.3.5). Sealed: three blank lines, the date four characters from the
    right and the signature centred over it; unsealed: one blank line, signature two characters in from the
    right and the date under it, two characters further right."""
    if not (spec.signature or spec.date):
        return
    date_text = chinese_date(spec.date) if spec.date else ""
    for _i in range(3 if spec.sealed else 1):
        _para(container)
    sig_w, date_w = _text_width_chars(spec.signature), _text_width_chars(date_text)
    if spec.sealed:
        date_right = 4.0
        sig_right = date_right + (date_w - sig_w) / 2 if date_text else 4.0
        if sig_right < 2:  # a long signature: keep it two characters in and centre the date under it
            sig_right, date_right = 2.0, 2.0 + (sig_w - date_w) / 2
    else:
        sig_right = 2.0
        date_right = max(2.0, sig_right + sig_w - date_w - 2) if spec.signature else 2.0
    for text, right in ((spec.signature, sig_right), (date_text, date_right)):
        if text:
            para = _para(container, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
            _indent_chars(para, right, first_line=False, side="right")


def _record_block(container, spec: OfficialDocument) -> None:
    """版记: cc list and the printing body and date in 4号仿宋 between separator lines (§7.4)."""
    if not (spec.cc or spec.printer):
        return
    _para(container)
    first = True
    if spec.cc:
        para = _para(container, "抄送：" + "，".join(spec.cc) + "。", size=SIZE_4)
        _indent_chars(para, 1, first_line=False, side="left")
        _indent_chars(para, 1, first_line=False, side="right")
        _border(para, "top", color="000000", size_eighths=8)
        first = False
    if spec.printer:
        printed = chinese_date(spec.printed_on or spec.date or date.today()) + "印发"
        para = _para(container, f"{spec.printer}\t{printed}", size=SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT)
        _indent_chars(para, 1, first_line=False, side="left")
        para.paragraph_format.tab_stops.add_tab_stop(Emu(BLOCK_W - Pt(CHAR_PITCH_PT) * 2), WD_TAB_ALIGNMENT.RIGHT)
        _border(para, "top", color="000000", size_eighths=8 if first else 4)
        _border(para, "bottom", color="000000", size_eighths=8)


# --- rendering --------------------------------------------------------------------------------------

def title_lines(title: str) -> list[str]:
    """The title's lines: the author's own line breaks, or, for a title too wide for the text block at 2号, two
    lines broken near the middle, after the name of an office where there is one (GB/T 9704 §7.3.1)."""
    lines = [t.strip() for t in title.split("\n") if t.strip()]
    if len(lines) != 1 or _text_width_chars(lines[0]) * SIZE_2.pt <= BLOCK_W.pt * 0.95:
        return lines or [""]
    text = lines[0]
    half = _text_width_chars(text) / 2
    widths = [_text_width_chars(text[:i]) for i in range(len(text) + 1)]
    middle = min(range(1, len(text)), key=lambda i: abs(widths[i] - half))
    near = [i for i in range(1, len(text)) if text[i - 1] in TITLE_BREAK_AFTER and abs(widths[i] - half) <= 4]
    cut = min(near, key=lambda i: abs(widths[i] - half)) if near else middle
    return [text[:cut], text[cut:]]


def _context(spec: OfficialDocument) -> dict:
    return {
        "issuer_mark": spec.issuer_mark, "number": spec.number, "signer": spec.signer,
        "addressee": spec.addressee, "title": spec.title.replace("\n", ""),
        "title_lines": title_lines(spec.title),
        "signature": spec.signature, "date": chinese_date(spec.date) if spec.date else "",
        "body": BODY_MARKER,
    }


def _fit_issuer_mark(doc, mark: str) -> None:
    """Shrink the issuer mark so it stays on one line of the text block."""
    if not mark:
        return
    for para in doc.paragraphs[:6]:
        if para.text.strip() == mark:
            for run in para.runs:
                size = run.font.size or ISSUER_MARK_SIZE
                fit = Pt(int(BLOCK_W.pt * 0.96 / max(_text_width_chars(mark), 1)))
                if size > fit:
                    run.font.size = fit
            return


def build(spec: OfficialDocument, template: str | Path | None = None):
    """The document as a python-docx `Document`: the template's head rendered by docxtpl, the body spliced
    in at its `{{ body }}` paragraph."""
    from docxtpl import DocxTemplate

    path = Path(template) if template else find_template(spec.template_kind, spec.unit)
    source = path if path is not None else io.BytesIO(default_template_bytes(spec.template_kind))
    tpl = DocxTemplate(source)
    try:
        _render(tpl, spec)
    except TemplateError as exc:
        raise TemplateError(_("The document template “%(template)s” cannot be used: %(error)s A user who manages "
                              "document templates must upload a corrected one.")
                            % {"template": _template_label(path, spec.template_kind), "error": exc}) from exc
    doc = tpl.docx
    marker = next((par for par in doc.paragraphs if par.text.strip() == BODY_MARKER), None)
    body_doc = Document()
    _write_body(body_doc, spec)
    elements = [el for el in body_doc.element.body if el.tag != qn("w:sectPr")]
    if marker is None:  # a template without {{ body }}: append the body at the end
        anchor = doc.element.body.find(qn("w:sectPr"))
        for el in elements:
            anchor.addprevious(copy.deepcopy(el))
    else:
        for el in elements:
            marker._p.addprevious(copy.deepcopy(el))
        marker._p.getparent().remove(marker._p)
    _fit_issuer_mark(doc, spec.issuer_mark)
    return doc


def _template_label(path: Path | None, kind: str) -> str:
    """A template as its uploader knows it (its unit's code and kind), not as a path on the server."""
    for base in template_dirs():
        if path is not None and path.is_relative_to(base):
            return str(path.relative_to(base))
    return f"{kind}.docx"


def render_docx(spec: OfficialDocument, template: str | Path | None = None) -> bytes:
    buf = io.BytesIO()
    build(spec, template).save(buf)
    return buf.getvalue()


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


def docx_response(content: bytes, *, filename: str, user, obj=None, action: str = "document.downloaded") -> HttpResponse:
    """Send a .docx and record the download as a read-access event."""
    return _file_response(content, filename=f"{filename}.docx", mime=DOCX_MIME, user=user, obj=obj, action=action)


def pdf_response(content: bytes, *, filename: str, user, obj=None, action: str = "document.downloaded") -> HttpResponse:
    """Send a PDF and record the download as a read-access event."""
    return _file_response(content, filename=f"{filename}.pdf", mime=PDF_MIME, user=user, obj=obj, action=action)


def _file_response(content: bytes, *, filename: str, mime: str, user, obj, action: str) -> HttpResponse:
    from urllib.parse import quote

    audit.record_read(user, action, obj, summary=filename)
    resp = HttpResponse(content, content_type=mime)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return resp


# --- PDF through LibreOffice --------------------------------------------------------------------------

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-noto-cjk"


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (or the conversion failed): the message says what to do."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def render_pdf(docx: bytes, *, timeout: int = 120) -> bytes:
    """Convert a .docx to PDF with LibreOffice in a subprocess. The GB/T 9704 faces (仿宋_GB2312, 方正小标宋简体,
    楷体_GB2312, 黑体) are mapped to installed Noto CJK faces by the fontconfig file shipped with sifa."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(_(MSG_PDF_NOT_INSTALLED) % {"cmd": INSTALL_HINT})
    with tempfile.TemporaryDirectory(prefix="sifa-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE), "HOME": tmp}
        cmd = [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(_(MSG_PDF_TIMEOUT)
                                 % {"s": timeout}) from exc
        out = Path(tmp) / "document.pdf"
        if proc.returncode != 0 or not out.exists():
            raise PdfUnavailable(_(MSG_PDF_FAILED)
                                 % {"err": proc.stderr.decode(errors="replace")[-300:] or proc.returncode})
        return out.read_bytes()
