"""The page that keeps the scoring sheets of case-file evaluation: the sheet as text, checked before it is saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core.models import Membership, Role
from sifa.core.workflow import StepError
from sifa.enforcement import evaluation, services
from sifa.enforcement.models import ScoringSheet

pytestmark = pytest.mark.django_db

SECTIONS = "form 卷面 20\n- cover 卷皮不全 2\n- order 排列不当 0.5\ncontent 内容 80\n- service 送达不规范 5"


@pytest.fixture
def head(staff, division):
    """The division's head: keeps the sheets."""
    Membership.objects.create(user=staff, unit=division, role=Role.objects.get(code="division_head"))
    return staff


def test_the_text_of_a_sheet_reads_back_to_the_same_sheet():
    d = evaluation.DEFAULT_SHEET
    vetoes, e1 = evaluation.parse_vetoes(evaluation.vetoes_text(d["vetoes"]))
    sections, e2 = evaluation.parse_sections(evaluation.sections_text(d["sections"]))
    assert not e1 and not e2 and vetoes == d["vetoes"] and sections == d["sections"]


@pytest.mark.parametrize("text, expected", [
    ("form 卷面 20\n- cover 卷皮不全 2\ncontent 内容 70\n- x 送达 5", "add up to 90"),
    ("form 卷面 100", "has no items"),
    ("form 卷面 100\n- cover 卷皮 120", "not above the section's cap"),
    ("Form 卷面 100\n- cover 卷皮 2", "is not a code"),
    ("form 卷面 100\n- form 卷皮 2", "used twice"),
])
def test_a_wrong_sheet_is_refused_with_the_reason(text, expected, english):
    sections, errors = evaluation.parse_sections(text)
    assert not errors
    problems = evaluation.check_sheet(vetoes=[], sections=sections, excellent_from=90, pass_from=60)
    assert any(expected in m for _f, m in problems), problems


def test_unreadable_lines_are_named_by_their_number(english):
    _s, errors = evaluation.parse_sections("form 卷面 20\n- cover 卷皮 两分\n- order\n")
    assert errors and "Line 2" in errors[0] and "Line 3" in errors[1]
    _s, errors = evaluation.parse_sections("- cover 卷皮 2")
    assert "after the line of its section" in errors[0]


def test_the_head_saves_a_new_sheet_on_the_page_and_a_campaign_scores_with_it(login, head, division, agency):
    client = login(head)
    resp = client.post(reverse("enforcement:sheet_new"), {
        "name": "2024年评查标准", "vetoes": "body 执法主体不合法", "sections": SECTIONS,
        "excellent_from": "85", "pass_from": "60"})
    sheet = ScoringSheet.objects.get(name="2024年评查标准")
    assert resp.status_code == 302 and sheet.unit == division
    assert sheet.sections[0]["items"][1]["points"] == 0.5
    campaign = services.campaign_create(unit=division, by=head, name="评查", year=2024, started_on=date(2024, 5, 6),
                                        candidates={agency: ["罚1"]}, evaluators=[("评查员", None)], sheet=sheet)
    (file,) = services.campaign_draw(campaign=campaign, by=head, seed="s", on=date(2024, 5, 7))
    services.file_score(file=file, by=head, on=date(2024, 5, 8), deductions={"order": 3, "service": 2})
    file.refresh_from_db()
    assert file.score == 88.5 and file.grade == "excellent"  # 100 − 1.5 − 10; excellent from 85 on this sheet
    # scored with it: the sheet keeps its meaning
    resp = client.post(reverse("enforcement:sheet", args=[sheet.pk]), {
        "version": sheet.version, "name": "2024年评查标准", "vetoes": "", "sections": SECTIONS,
        "excellent_from": "90", "pass_from": "60"})
    assert resp.status_code == 200 and resp.context["form"].errors.get("name")
    assert "2024年评查标准" in client.get(reverse("enforcement:sheets")).content.decode()


def test_a_bad_sheet_is_refused_on_its_field_and_the_input_kept(login, head):
    resp = login(head).post(reverse("enforcement:sheet_new"), {
        "name": "坏表", "vetoes": "", "sections": "form 卷面 20\n- cover 卷皮不全 2",
        "excellent_from": "60", "pass_from": "90"})
    form = resp.context["form"]
    assert resp.status_code == 200 and form.errors.get("sections") and form.errors.get("excellent_from")
    assert "卷皮不全" in resp.content.decode() and not ScoringSheet.objects.filter(name="坏表").exists()


def test_the_default_sheet_is_copied_not_changed(login, head, english):
    default = services.default_sheet()
    with pytest.raises(StepError, match="copy it"):
        services.sheet_save(sheet=default, by=head, name=default.name, vetoes=default.vetoes,
                            sections=default.sections, excellent_from=90, pass_from=60)
    page = login(head).get(reverse("enforcement:sheet_new") + f"?copy={default.pk}")
    assert page.status_code == 200 and "卷皮、目录填写不全" in page.content.decode()


def test_a_handler_reads_the_sheets_but_does_not_edit_them(login, staff):
    client = login(staff)
    assert client.get(reverse("enforcement:sheets")).status_code == 200
    assert client.get(reverse("enforcement:sheet_new")).status_code == 403
