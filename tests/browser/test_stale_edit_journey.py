"""Two people edit the same thing: the second, whose form is stale, gets the conflict message and loses
nothing silently. Exercised on a section of the annual report (optimistic locking through `version`)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .pages import LINE_PROBES
from .support import click_through, require_line, screenshot

pytestmark = pytest.mark.browser


def _open_first_section_editor(page) -> None:
    page.goto("/reports/")
    click_through(page, page.locator('table.list a[href*="/reports/annual/"]').first)
    page.locator('.section-tools a[href*="/sections/"]').first.click()
    expect(page).to_have_url(re.compile(r"/reports/annual/\d+/sections/\d+/$"))


def test_a_stale_edit_gets_the_conflict_message(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["reports"], "reports")
    # The same section open twice: in two browsers (or two tabs left open), the second one goes stale.
    first, second = signed_in("leader"), signed_in("leader")
    _open_first_section_editor(first)
    editor = first.url
    second.goto(editor)  # both hold the same version of the section
    body_first, body_second = first.locator("textarea").first, second.locator("textarea").first
    original = body_first.input_value()

    body_first.fill(original + "\n（局长补充的一句话。）")
    first.locator('form.card button[type="submit"]').click()
    expect(first).to_have_url(re.compile(r"/reports/annual/\d+/#section-\d+$"))
    expect(first.get_by_role("status")).to_be_visible()

    body_second.fill(original + "\n（另一窗口里同时补充的一句话。）")
    second.locator('form.card button[type="submit"]').click()
    # The stale form comes back with the conflict message and what the second person typed.
    expect(second).to_have_url(re.compile(r"/sections/\d+/$"))
    alert = second.locator(".error-box[role=alert]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("刷新")
    expect(second.locator("textarea").first).to_have_value(re.compile("另一窗口里同时补充的一句话"))
    screenshot(second, "stale-edit-conflict")

    # The first person's change is the one kept.
    first.goto(editor)
    expect(first.locator("textarea").first).to_have_value(re.compile("局长补充的一句话"))
