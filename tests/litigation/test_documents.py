"""The answer and the appearance letters, read back with python-docx."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from sifa.litigation import documents
from sifa.litigation.models import AbsenceReason, HeadRank
from sifa.litigation.workflow import suit_workflow


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_answer_is_filled_from_the_case(register, handler, units):
    suit = register(co_defendants=[units["PT-FGJ"]], claims="请求撤销征收决定。")
    suit_workflow.run(suit, "answer", by=handler, on=date(2024, 3, 12),
                      data=dict(defence="事实清楚。\n程序合法。", evidence="证据一：征收决定"))
    text = text_of(documents.answer_docx(suit))
    assert "行政诉讼答辩状" in text
    assert "答辩人：上海市普陀区人民政府" in text and "共同答辩人：区房管局" in text
    assert suit.court_case_number in text and suit.plaintiffs.get().name in text
    assert "程序合法。" in text and "证据一：征收决定" in text
    assert "普陀区人民法院" in text and "2024年3月12日" in text


def test_the_letter_names_the_head_who_appears(answered, handler):
    suit = answered()
    hearing = suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                                data=dict(head_appeared=True, head_name="周文涛", head_post="副区长",
                                          head_rank=HeadRank.DEPUTY))
    text = text_of(documents.appearance_docx(hearing))
    assert "行政机关负责人出庭应诉身份证明书" in text
    assert "周文涛" in text and "副区长" in text and suit.court_case_number in text
    assert "2024年4月10日" in text


def test_the_letter_names_the_staff_entrusted(answered, handler):
    suit = answered()
    hearing = suit_workflow.run(suit, "record_hearing", by=handler, on=date(2024, 4, 10),
                                data=dict(head_appeared=False, staff="赵敏 科长\n钱磊 科员",
                                          absence_reason=AbsenceReason.OFFICIAL_DUTY,
                                          absence_explanation="参加防汛会议"))
    text = text_of(documents.appearance_docx(hearing))
    assert "出庭人员身份证明书" in text and "赵敏 科长、钱磊 科员" in text and "参加防汛会议" in text
