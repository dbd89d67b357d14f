"""The 调解协议书 and the notice ending mediation, read back with python-docx."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from sifa.core.models import AuditEvent
from sifa.mediation import documents
from sifa.mediation.models import AgreementForm
from sifa.mediation.workflow import WORKFLOW


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_agreement_carries_number_parties_terms_and_the_committee(mediating, mediator_user, committee):
    d = mediating()
    a = WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "李乙赔偿王甲八百元。\n三日内付清。", "facts": "楼上漏水", "performance_method": "现金支付", "performance_due": date(2022, 3, 11)})
    text = _text(documents.agreement_docx(d, a))
    assert "人民调解协议书" in text and "（2022）长寿调协字第1号" in text
    assert "当事人（申请人）：王甲" in text and "当事人（对方）：李乙" in text
    assert "李乙赔偿王甲八百元。" in text and "三日内付清。" in text and "2022年3月11日前履行完毕" in text
    assert "三十日内共同向人民法院申请司法确认" in text
    assert f"{committee.name}（印章）" in text and "2022年3月8日" in text and "钱调解" in text


def test_downloading_the_agreement_is_audited(mediating, mediator_user, login):
    d = mediating()
    a = WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.WRITTEN, "terms": "x"})
    resp = login(mediator_user).get(f"/mediation/{d.pk}/agreement/{a.pk}.docx")
    assert resp.status_code == 200 and "人民调解协议书" in _text(resp.content)
    assert AuditEvent.objects.filter(action="mediation.agreement.downloaded", object_id=str(d.pk)).exists()


def test_an_oral_agreement_has_no_document(mediating, mediator_user, login):
    d = mediating()
    a = WORKFLOW.run(d, "agree", by=mediator_user, on=date(2022, 3, 8), data={"form": AgreementForm.ORAL, "terms": "x"})
    assert login(mediator_user).get(f"/mediation/{d.pk}/agreement/{a.pk}.docx").status_code == 404


def test_the_notice_ending_mediation_names_the_routes_explained(mediating, mediator_user, login):
    d = mediating()
    WORKFLOW.run(d, "fail", by=mediator_user, on=date(2022, 3, 9), data={"routes": ["arbitration", "court"]})
    text = _text(login(mediator_user).get(f"/mediation/{d.pk}/termination.docx").content)
    assert "终止调解告知书" in text and "申请仲裁、向人民法院提起诉讼" in text and "第二十六条" in text
