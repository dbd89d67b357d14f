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

    leader = signed_in("leader")
    leader.goto(case)
    expect(leader.locator("main")).to_contain_text(APPLICANT)
    expect(leader.locator("main")).to_contain_text("法律援助公函")
    leader.goto("/legalaid/consultations/")
    expect(leader.locator("main table.list")).to_be_visible()
