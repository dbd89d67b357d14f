"""法律援助 in the browser, one journey per role: a citizen applies online on a phone and follows the progress with
the receipt number; the legal-aid staff find the application by that number, check hardship, grant, assign by
rotation, send the letter to the court and download it; the bureau's leader reads the case but takes no step of
the centre's. Skipped until the legal-aid line is on the server."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .support import click_through, fill_required, require_line, screenshot, valid_id_number

pytestmark = pytest.mark.browser

APPLICANT = "浏览器法援申请人"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
# Dotted codes (audit actions, clock rules) are identifiers, not words of the UI.
IDENTIFIER = re.compile(r"\b[\w-]+\.(?:[\w-]+(?:\.[\w-]+)*)?")
ALLOWED_ENGLISH = {"sifa", "Word", "Excel", "English", "docx", "xlsx", "legalaid", "leader"}


def _no_english(page, where: str) -> None:
    """No English word or raw code left on a Chinese page of the journey."""
    text = IDENTIFIER.sub(" ", page.locator("body").inner_text())
    words = set(re.findall(r"\b[A-Za-z][A-Za-z]{3,}\b", text)) - ALLOWED_ENGLISH
    assert not words, f"{where}: English left on the Chinese page: {sorted(words)}"
APPLICANT_ID = valid_id_number("310107", "19660304", "512")
PHONE_NUMBER = "13900139123"


def _step(page, transition: str, values: dict[str, str] | None = None) -> None:
    end = f"/act/{transition}/"
    link = page.locator(f'main a[href$="{end}"], main form[action$="{end}"]')
    assert link.count(), f"the case page offers no “{transition}” step"
    form = page.locator(f'main form[action$="{end}"]')
    if not form.count():
        click_through(page, page.locator(f'main a[href$="{end}"]').first)
        form = page.locator("main form[method=post]")
    else:
        details = page.locator(f'details:has(form[action$="{end}"])')
        if details.count() and not details.first.evaluate("d => d.open"):
            details.first.locator("summary").click()
    form = form.first
    fill_required(form, values)
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    errors = page.locator(".error-box, .field.has-error")
    assert not errors.count(), f"“{transition}” was refused: {errors.all_inner_texts()}"
    expect(page).to_have_url(re.compile(r"/legalaid/\d+/"))


def _apply_online(new_context) -> str:
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto("/apply/")
    click_through(page, page.locator('main a[href="/apply/?service=legalaid"]').first)
    form = page.locator("main form[method=post]").first
    fill_required(form, {"name": APPLICANT, "id_number": APPLICANT_ID, "phone": PHONE_NUMBER,
                         "matter": "公司拖欠工资三个月，请求代理劳动仲裁。", "opposing_party": "浏览器某某公司"})
    form.locator('input[name="materials"]').set_input_files([{"name": "身份证复印件.pdf", "mimeType": "application/pdf",
                                                              "buffer": PDF}])
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    assert not page.locator(".field.has-error").count(), page.locator(".field.has-error").all_inner_texts()
    number = page.locator("#receipt-number").inner_text().strip()
    assert re.fullmatch(r"FA\d{4}[0-9A-Z]{8}", number), number
    screenshot(page, "legalaid-portal-receipt")
    page.goto("/apply/progress/")
    form = page.locator("main form[method=post]").first
    fill_required(form, {"receipt_number": number, "phone": PHONE_NUMBER})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    expect(page.locator("#progress")).to_contain_text("审查中")
    return number


def test_a_citizen_applies_and_the_centre_takes_it_to_the_letter(new_context, signed_in, sifa_server):
    require_line(sifa_server, "/legalaid/", "legalaid")
    number = _apply_online(new_context)

    page = signed_in("legalaid")
    page.goto(f"/legalaid/?q={number}")
    rows = page.locator("main table.list tbody tr a[href^='/legalaid/']")
    expect(rows.first).to_be_visible()
    click_through(page, rows.first)
    expect(page.locator("main")).to_contain_text(APPLICANT)
    expect(page.locator("#materials")).to_contain_text("身份证复印件.pdf")  # the material sent online
    case = re.search(r"/legalaid/\d+/", page.url).group(0)

    _step(page, "check_hardship", {"method": "pledge", "household_size": "3", "household_monthly_income": "6000",
                                   "property_within_limit": "true", "pledge_signed": "x"})
    _step(page, "grant")
    _step(page, "assign_by_rotation")
    expect(page.locator("main")).to_contain_text("律师事务所")
    _step(page, "send_letter", {"handling_organ": "上海市普陀区劳动人事争议仲裁委员会"})
    screenshot(page, "legalaid-assigned")

    letter = page.locator(f'a[href^="{case}document/aid_letter"]')
    with page.expect_download() as info:
        letter.first.click()
    with zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read())) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "法律援助公函" in text and "上海市普陀区劳动人事争议仲裁委员会" in text and APPLICANT in text

    # the case is closed, reviewed and scored on the district's sheet, and its subsidy approved
    _step(page, "close", {"outcome": "经仲裁调解，公司支付拖欠工资，结案。"})
    _step(page, "review_closing", {"score_1": "14", "score_2": "18", "score_3": "22", "score_4": "18",
                                   "score_5": "9", "score_6": "8", "opinion": "办理及时，材料齐全。"})
    expect(page.locator("#evaluation")).to_contain_text("89")
    expect(page.locator("#evaluation")).to_contain_text("合格")
    _step(page, "approve_subsidy")
    expect(page.locator("#evaluation")).to_contain_text("审批")
    _no_english(page, "the case page after the subsidy's approval")
    with page.expect_download() as info:
        page.locator(f'a[href^="{case}document/subsidy_approval"]').first.click()
    with zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read())) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "补贴审批表" in text and "第五十二条" in text
    page.goto("/legalaid/subsidies/?approval=approved")
    expect(page.locator("main table.list")).to_contain_text(case_number := page.locator(
        f'main table.list a[href="{case}#evaluation"]').first.inner_text())
    expect(page.locator("#subsidy-total")).to_contain_text("已审批")
    _no_english(page, "the subsidy list")
    assert case_number

    leader = signed_in("leader")
    leader.goto(case)
    expect(leader.locator("main")).to_contain_text(APPLICANT)
    expect(leader.locator("main")).to_contain_text("法律援助公函")
    leader.goto("/legalaid/consultations/")
    expect(leader.locator("main table.list")).to_be_visible()


def test_the_centre_keeps_the_duty_schedule(signed_in, sifa_server):
    require_line(sifa_server, "/legalaid/duty/", "legalaid")
    page = signed_in("legalaid")
    page.goto("/legalaid/duty/")
    expect(page.locator("#duty-schedule")).to_be_visible()
    _no_english(page, "the duty schedule")
    click_through(page, page.locator('main a[href="/legalaid/duty/new/"]').first)
    form = page.locator("main form[method=post]").first
    fill_required(form, {"period": "全天", "note": "浏览器排班"})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    errors = page.locator(".error-box, .field.has-error")
    if errors.count():  # the demo's lawyer is on duty today already: the next day of the schedule
        form = page.locator("main form[method=post]").first
        day = form.locator('input[name="on"]')
        day.fill(day.evaluate("e => new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10)"))
        with page.expect_navigation():
            form.locator('button[type="submit"]').last.click()
    assert not page.locator(".error-box, .field.has-error").count(), \
        page.locator(".error-box, .field.has-error").all_inner_texts()
    expect(page).to_have_url(re.compile(r"/legalaid/duty/\d+/"))
    expect(page.locator("main")).to_contain_text("浏览器排班")
    _no_english(page, "a duty shift")
    # a past duty of the demo: its help is listed
    page.goto("/legalaid/duty/?status=served")
    click_through(page, page.locator("#duty-schedule tbody a").first)
    expect(page.locator("#duty-help")).to_contain_text("人次")
    leader = signed_in("leader")
    leader.goto("/legalaid/duty/")
    expect(leader.locator("#duty-schedule")).to_be_visible()
    assert not leader.locator('main a[href="/legalaid/duty/new/"]').count()
