"""The documents of notarisation: the supplement notice when the clock stops, the refusal decision after the head's
approval, the review decision and the revocation announcement — numbered in core's series, downloaded as .docx, and
with no field left empty (core.documents.text_problems)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from sifa.core.documents import text_problems
from sifa.notary import documents
from sifa.notary.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def run(case, name, by, on, **data):
    return WORKFLOW.run(case, name, by=by, on=on, data=data)


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_every_document_is_numbered_complete_and_downloads(apply, staff, head, login):
    paused = apply(received_on=date(2024, 3, 4))
    run(paused, "request_supplement", staff, date(2024, 3, 6), reason="被继承人的死亡证明。")
    assert paused.supplement_number.startswith("沪普证补通〔2024〕")
    refused = apply(received_on=date(2024, 3, 4))
    run(refused, "report_refusal", staff, date(2024, 3, 5), refusal_ground="4", refusal_reasons="当事人之间有争议。")
    run(refused, "approve_refusal", head, date(2024, 3, 6))
    run(refused, "refuse", staff, date(2024, 3, 7), refund="part", refund_amount=Decimal("120"))
    upheld = apply(received_on=date(2024, 3, 4))
    run(upheld, "issue", staff, date(2024, 3, 8))
    run(upheld, "request_review", staff, date(2024, 3, 11), review_requester="申请人", review_grounds="日期有误。")
    run(upheld, "uphold", staff, date(2024, 3, 20), review_reasons="公证书所载日期与材料一致。")
    revoked = apply(received_on=date(2024, 3, 4))
    run(revoked, "issue", staff, date(2024, 3, 8))
    run(revoked, "request_review", staff, date(2024, 3, 11), review_requester="利害关系人", review_grounds="材料虚假。")
    run(revoked, "revoke", staff, date(2024, 3, 25), review_reasons="学历证明系伪造。")
    assert upheld.review_decision_number.endswith("1号") and revoked.review_decision_number.endswith("2号")
    assert revoked.revocation_number.startswith("沪普证撤告〔2024〕")

    expected = {paused: ["acceptance_notice", "supplement_notice"],
                refused: ["acceptance_notice", "refusal_decision"],
                upheld: ["acceptance_notice", "review_decision"],
                revoked: ["acceptance_notice", "review_decision", "revocation_notice"]}
    client = login(staff)
    for case, kinds in expected.items():
        assert [k for k, _t, _n in documents.issued(case)] == kinds
        for kind in kinds:
            doc = documents.document_for(case, kind)
            assert doc.number and text_problems(doc) == [], (kind, text_problems(doc))
            resp = client.get(reverse("notary:document", args=[case.pk, kind]))
            assert resp.status_code == 200 and doc.number in _text(resp.content)
    assert "被继承人的死亡证明" in _text(documents.render(paused, "supplement_notice"))
    assert "计人民币120.00元" in _text(documents.render(refused, "refusal_decision"))
    assert "决定维持该公证书" in _text(documents.render(upheld, "review_decision"))
    notice = _text(documents.render(revoked, "revocation_notice"))
    assert "自始无效" in notice and revoked.review_decision_number in notice and "特此公告" in notice
    # a document the case has not issued is not there
    assert client.get(reverse("notary:document", args=[upheld.pk, "revocation_notice"])).status_code == 404
