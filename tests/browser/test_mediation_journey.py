"""A mediator registers a visitor's dispute at the street's one-stop dispute centre (靠谱解纷中心), routes it to
the street's people's mediation committee, which accepts it, records the mediation agreement and downloads the
调解协议书. Skipped until the mediation line is merged.

Form controls are found by their field names (stable across translations); what is shown is checked in Chinese.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from .pages import LINE_PROBES
from .support import click_through, require_line, screenshot

pytestmark = pytest.mark.browser

VISITOR = "浏览器测试来访人"
OTHER_PARTY = "浏览器测试对方当事人"
TERMS = "一、对方当事人于十日内返还押金人民币三千元；二、双方就本纠纷再无其他争议。"


def _select_option_containing(select, text: str) -> None:
    options = select.locator("option").all_inner_texts()
    match = next((o for o in options if text in o), None)
    assert match, f"no option containing {text!r} among {options}"
    select.select_option(label=match)


def _first_real_option(select) -> None:
    values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert values, "the select has no options"
    select.select_option(values[0])


def _open_action(page, action_url_end: str):
    """The form of a step kept in a <details> (opened first, as a person clicks its summary)."""
    form = page.locator(f'form[action$="{action_url_end}"]')
    details = page.locator(f'details:has(form[action$="{action_url_end}"])')
    if details.count() and not details.first.evaluate("d => d.open"):
        details.first.locator("summary").click()
    return form.first


def test_a_mediator_registers_a_dispute_at_the_centre_and_records_an_agreement(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["mediation"], "mediation")
    page = signed_in("mediator")
    page.goto("/")
    click_through(page, page.get_by_role("navigation", name="业务条线").locator('a[href^="/mediation/"]'))
    click_through(page, page.locator('a[href="/mediation/centre/"]').first)
    expect(page).to_have_url(re.compile(r"/mediation/centre/$"))

    # 1. The visitor's matter is registered at 长寿路街道 centre.
    register = page.locator("main form[method=post]:not([action])")
    _select_option_containing(register.locator('select[name="centre"]'), "长寿路")
    register.locator('[name="visitor"]').fill(VISITOR)
    register.locator('[name="visitor_phone"]').fill("13800138000")
    _first_real_option(register.locator('select[name="dispute_type"]'))
    register.locator('[name="subject"]').fill("来访人反映租赁房屋押金未退还，双方多次协商未果。")
    register.locator('[name="persons"]').fill("2")
    click_through(page, register.locator('button[type="submit"]'))
    expect(page).to_have_url(re.compile(r"/mediation/centre/\d+/$"))
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(VISITOR)

    # 2. It is routed to the street's people's mediation committee, which accepts it.
    route = page.locator('form[action$="/route/"]')
    _select_option_containing(route.locator('select[name$="handler_unit"]'), "长寿路街道人民调解委员会")
    click_through(page, route.locator('button[type="submit"]'))
    accept = _open_action(page, "/accept/")
    accept.locator('textarea[name$="other_parties"]').fill(OTHER_PARTY)
    click_through(page, accept.locator('button[type="submit"]'))
    dispute_link = page.locator('main table.list a[href^="/mediation/"][href$="/"]').filter(
        has_not_text=VISITOR).last
    expect(dispute_link).to_be_visible()
    click_through(page, dispute_link)
    expect(page).to_have_url(re.compile(r"/mediation/\d+/$"))
    expect(page.locator("main")).to_contain_text(OTHER_PARTY)

    # 3. Sessions held and the agreement recorded; the 调解协议书 is issued as a .docx.
    if page.locator('form[action$="/act/accept/"]').count():
        click_through(page, _open_action(page, "/act/accept/").locator('button[type="submit"]'))
    agree = _open_action(page, "/act/agree/")
    agree.locator('textarea[name$="terms"]').fill(TERMS)
    click_through(page, agree.locator('button[type="submit"]'))
    expect(page.get_by_role("status").first).to_be_visible()
    screenshot(page, "mediation-agreement-recorded")

    with page.expect_download() as info:
        page.locator('a[href$=".docx"][href*="/agreement/"]').first.click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "调解协议书" in text
    assert VISITOR in text and "三千元" in text, "the agreement does not carry the parties and terms"
