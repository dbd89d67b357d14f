"""The demo reproduces the seed's appraisal figures (2022-01-01..10-31; complaints to 2022-11-02), leaves work
around today, loads once."""

from __future__ import annotations

import io
from datetime import date

import pytest

from sifa.appraisal import demo
from sifa.appraisal.models import AppraisalComplaint, AppraisalInstitution, CommissionReport
from sifa.core import metrics
from sifa.core.complaints import OPEN
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(module_db):
    with module_db():
        return load_demo("appraisal")


def test_the_demo_reproduces_the_seed_figures(demo_loaded):
    for end in (date(2022, 10, 31), date(2022, 11, 2)):
        res = metrics.compute(date(2022, 1, 1), end, demo_loaded["PT"], lines=["appraisal"])
        v = res.flat()
        assert v["appraisal.commissions"] == 16000
        assert v["appraisal.complaints"] == 249
        assert v["appraisal.complaints_concluded_rate"] == 100 and v["appraisal.complaints_answered_rate"] == 100
        assert v["appraisal.proposals"] == 2 and v["appraisal.proposals_rectified"] == 2
        assert v["appraisal.grade_a"] == 2 == v["appraisal.graded"]
        assert all(e.holds for e in res.equations)
    assert not AppraisalComplaint.objects.filter(received_on__year=2022, state__in=OPEN).exists()
    assert not AppraisalComplaint.objects.filter(received_on__year=2022, replied_on__gt=date(2022, 11, 2)).exists()


def test_figures_drill_down_to_their_records(demo_loaded):
    assert metrics.cases_for("appraisal.complaints", date(2022, 1, 1), date(2022, 10, 31)).count() == 249
    assert metrics.cases_for("appraisal.commissions", date(2022, 1, 1), date(2022, 10, 31)).count() == 20


def test_the_demo_loads_once(demo_loaded):
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert "already loaded" in out.getvalue()
    assert AppraisalInstitution.objects.count() == 2 and CommissionReport.objects.count() == 20


def test_the_white_paper_states_the_seed_figures(demo_loaded):
    from docx import Document

    from sifa.appraisal import documents

    content = documents.render_white_paper(date(2022, 1, 1), date(2022, 11, 2), demo_loaded["PT"])
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "司法鉴定投诉举报处理情况白皮书" in text
    assert "受理鉴定委托事项16000件" in text and "投诉举报249件" in text
    assert "办结率100%，回复率100%" in text and "整改建议书2份" in text and "2家次获评A级" in text
    assert "{" not in text and "None" not in text
