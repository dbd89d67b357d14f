"""行政复议 in the browser: a citizen applies online and follows the progress; a handler takes the application
through the procedure and downloads the decision. Skipped until the reconsideration line (and, for the
citizen, the portal) is merged.

Written against the line's URLs (reconsideration/urls.py): /reconsideration/<pk>/act/<transition>/ for every
step of workflow.py and /reconsideration/<pk>/documents/<doc>/ for the documents issued. Each step's form is
found by its action URL (a form on the detail page, opened from its <details>, or a page of its own behind a
link); its fields are filled by name where the journey cares and otherwise as a careful person would.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .pages import LINE_PROBES
from .support import (
    click_through,
    complete_with_keyboard,
    fill_required,
    require_line,
    screenshot,
    valid_id_number,
)

pytestmark = pytest.mark.browser

APPLICANT = "浏览器测试申请人"
APPLICANT_ID = valid_id_number("310107", "19700520", "417")
REQUEST = "请求撤销被申请人作出的行政处罚决定。"


def _step(page, transition: str, values: dict[str, str] | None = None) -> None:
    """Take one step of the procedure as the handler: open its form, fill it, submit, see it recorded."""
    end = f"/act/{transition}/"
    form = page.locator(f'form[action$="{end}"]')
    if not form.count():
        link = page.locator(f'a[href$="{end}"]')
        assert link.count(), f"the case page offers no “{transition}” step (no form or link to …{end})"
        click_through(page, link.first)
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
    expect(page).to_have_url(re.compile(r"/reconsideration/\d+/"))


def _state(page) -> str:
    return page.locator("h1 .badge, .badge.state, [data-state]").first.inner_text()


def _register_at_the_counter(page) -> str:
    """The handler registers an application received at the counter; returns the case page's path."""
    page.goto("/reconsideration/new/")
    form = page.locator("main form[method=post]")
    fill_required(form, {"applicant_name": APPLICANT, "name": APPLICANT, "id_number": APPLICANT_ID,
                         "respondent": "交警", "request": REQUEST, "channel": "窗口"})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    assert not page.locator(".field.has-error").count(), page.locator(".field.has-error").all_inner_texts()
    expect(page).to_have_url(re.compile(r"/reconsideration/\d+/$"))
    return re.search(r"/reconsideration/\d+/", page.url).group(0)


def test_a_handler_takes_an_application_through_to_the_decision(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["reconsideration"], "reconsideration")
    page = signed_in("handler")
    case = _register_at_the_counter(page)
    received = _state(page)

    _step(page, "request_correction", {"items": "请补充提交行政处罚决定书复印件。"})
    assert _state(page) != received
    _step(page, "receive_correction")
    _step(page, "accept")
    expect(page.locator("main")).to_contain_text("受理")
    accepted = _state(page)

    hearing_day = (date.today() + timedelta(days=21)).isoformat()
    _step(page, "schedule_hearing", {"scheduled_for": hearing_day})
    expect(page.locator("main")).to_contain_text(hearing_day)

    _step(page, "suspend", {"reason": "需等待相关刑事案件审理结果。"})
    suspended = _state(page)
    assert suspended != accepted
    expect(page.locator("main")).to_contain_text("中止")
    _step(page, "resume")
    assert _state(page) == accepted

    _step(page, "decide", {"reasons": "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法。"})
    expect(page.locator("main")).to_contain_text("决定")
    screenshot(page, "reconsideration-decided")

    decision = page.locator(f'a[href^="{case}documents/"]').filter(has_text="决定书")
    expect(decision.first).to_be_visible()
    with page.expect_download() as info:
        decision.first.click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "行政复议决定书" in text
    assert APPLICANT in text, "the decision does not name the applicant"
    assert re.search(r"普府复〔\d{4}〕\d+号", text), "the decision carries no document number"


def _apply_online(page) -> str:
    """The citizen's part: from the portal's home to the receipt; returns what the receipt shows."""
    page.goto("/apply/")
    start = page.locator('main a[href^="/apply/"]').filter(has_text=re.compile("行政复议|申请"))
    if start.count():
        click_through(page, start.first)
    form = page.locator("main form[method=post]").first
    fill_required(form, {"name": APPLICANT, "id_number": APPLICANT_ID, "phone": "13900139000",
                         "respondent": "交警", "request": REQUEST})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    assert not page.locator(".field.has-error").count(), page.locator(".field.has-error").all_inner_texts()
    return page.locator("main").inner_text()


def test_a_citizen_applies_online_on_a_phone_and_follows_the_progress(new_context, sifa_server):
    require_line(sifa_server, LINE_PROBES["portal"], "portal")
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    receipt = _apply_online(page)
    screenshot(page, "portal-receipt")
    number = re.search(r"[A-Z0-9〔〕\u4e00-\u9fff-]*\d{4,}[^\s，。]*", receipt)
    assert number, f"the receipt shows no application number:\n{receipt}"

    # Following the progress: the portal's progress query, by the number and the applicant's ID or mobile.
    page.goto("/apply/")
    progress = page.locator('main a[href^="/apply/"]').filter(has_text=re.compile("进度|查询"))
    if progress.count():
        click_through(page, progress.first)
    form = page.locator("main form").last
    fill_required(form, {"number": number.group(0), "code": number.group(0), "id_number": APPLICANT_ID,
                         "phone": "13900139000"}, all_fields=True)
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    expect(page.locator("main")).to_contain_text(re.compile("已收到|待审查|审查中|收到"))
    screenshot(page, "portal-progress")


def test_the_online_application_can_be_completed_with_the_keyboard_alone(new_context, sifa_server):
    require_line(sifa_server, LINE_PROBES["portal"], "portal")
    page = new_context().new_page()
    page.goto("/apply/")
    start = page.locator('main a[href^="/apply/"]').filter(has_text=re.compile("行政复议|申请"))
    if start.count():
        click_through(page, start.first)
    required = page.locator("main form[method=post] [required]").evaluate_all(
        "es => es.filter(e => !e.value).map(e => [e.name, e.tagName.toLowerCase(), e.type])")
    values = {}
    for name, tag, kind in required:
        if tag == "select":
            values[name] = page.locator(f'main form [name="{name}"] option').nth(1).inner_text()
        elif kind == "checkbox":
            values[name] = "x"
        elif "id_number" in name:
            values[name] = APPLICANT_ID
        elif "phone" in name or "mobile" in name:
            values[name] = "13900139000"
        else:
            values[name] = "键盘填写"
    complete_with_keyboard(page, "main form[method=post]", values)
    assert not page.locator(".field.has-error").count(), page.locator(".field.has-error").all_inner_texts()


def test_a_handler_filters_by_respondent_by_typing_and_picking_a_suggestion(signed_in, sifa_server):
    """With more respondents than a select should list (SIFA_SELECT_MAX, lowered for the browser server), the
    list's respondent filter is a search box: typing fetches suggestions (htmx fills its datalist), a pick
    filters the list, and the box keeps the pick."""
    require_line(sifa_server, LINE_PROBES["reconsideration"], "reconsideration")
    page = signed_in("handler")
    page.goto("/reconsideration/")
    box = page.locator('main input[type="search"][name="respondent"]')
    expect(box).to_be_visible()
    box.press_sequentially("公安")
    options = page.locator(f'datalist#{box.get_attribute("list")} option')
    expect(options.first).to_have_attribute("value", re.compile("公安"))  # the suggestions for what was typed
    picked = options.first.get_attribute("value")
    assert re.search(r"公安.*\[[A-Z0-9-]+\]$", picked), picked
    box.fill(picked)
    click_through(page, box.locator("xpath=ancestor::form").locator('button[type="submit"]').last)
    expect(page).to_have_url(re.compile(r"respondent="))
    expect(page.locator('main input[name="respondent"]')).to_have_value(picked)
    assert not page.locator(".field.has-error").count(), page.locator(".field.has-error").all_inner_texts()
    for cell in page.locator("main table.list tbody tr:not(:has(td.empty))").all()[:5]:
        expect(cell).to_contain_text("公安")
