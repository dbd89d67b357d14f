"""Every key page: no serious or critical WCAG 2.1 AA violation (axe-core), nothing wider than the screen,
no English left on the Chinese UI, and a screenshot at 1366×768 (and at 390×844 for what citizens open on a
phone) in var/screenshots/ for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sifa.core.authorisation import USERS

from .conftest import PHONE
from .pages import KEY_PAGES, LINE_PROBES, KeyPage
from .support import assert_accessible, horizontal_overflow, require_line, screenshot

pytestmark = pytest.mark.browser

# Words that may appear in English on the Chinese UI: the product's name and technical identifiers.
ALLOWED_ENGLISH = {"sifa", "English", "Word", "Excel", "LibreOffice", "docx", "xlsx", "DOCX", "XLSX"}  # names of file formats
# The demo users' user names are data (the audit log names the user name a failed log-in tried), not UI text.
ALLOWED_ENGLISH |= set(USERS)
# Dotted codes (audit actions such as party.created or a prefix party., clock rules) are identifiers.
IDENTIFIER = re.compile(r"\b[\w-]+\.(?:[\w-]+(?:\.[\w-]+)*)?")


def _open(kp: KeyPage, base_url: str, new_context, signed_in, viewport=None, **kw):
    for line in kp.needs:
        require_line(base_url, LINE_PROBES[line], line)
    page = signed_in(kp.user, viewport, **kw) if kp.user else new_context(viewport, **kw).new_page()
    path = kp.path(page) if callable(kp.path) else kp.path
    if path is None:
        pytest.skip(f"{kp.name}: {kp.path.__name__} found nothing to open")
    response = page.goto(path)
    assert response.status == kp.status, f"{kp.name}: {path} answered {response.status}, expected {kp.status}"
    return page, path


def english_left(page) -> list[str]:
    text = page.locator("body").inner_text()
    for code in page.locator("code").all_inner_texts():  # identifiers and commands, shown as code
        if code.strip():  # a code inside a closed <details> reads as "": replacing "" would double the text
            text = text.replace(code, " ")
    text = IDENTIFIER.sub(" ", text)
    words = set(re.findall(r"\b[A-Za-z][A-Za-z]{3,}\b", text))
    return sorted(words - ALLOWED_ENGLISH)


@pytest.mark.parametrize("kp", KEY_PAGES, ids=[kp.name for kp in KEY_PAGES])
def test_key_page_is_accessible_tidy_and_chinese(kp, new_context, signed_in, sifa_server):
    page, path = _open(kp, sifa_server, new_context, signed_in)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("h1").first).to_be_visible()

    assert_accessible(page, f"{kp.name} ({path}) at 1366×768")
    screenshot(page, kp.name)
    assert horizontal_overflow(page) <= 0, f"{kp.name}: the page scrolls sideways at 1366 px"
    leftovers = english_left(page)
    assert not leftovers, f"{kp.name}: untranslated English on the Chinese page: {leftovers}"

    if kp.phone:
        phone, _ = _open(kp, sifa_server, new_context, signed_in, PHONE, is_mobile=True, has_touch=True,
                         device_scale_factor=2)
        assert_accessible(phone, f"{kp.name} ({path}) at 390×844")
        screenshot(phone, kp.name)
        assert horizontal_overflow(phone) <= 0, f"{kp.name}: the page scrolls sideways on a 390 px phone"
