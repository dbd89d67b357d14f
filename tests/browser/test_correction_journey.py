"""社区矫正 in the browser, for the one role that uses the line (the district's correction staff, `jiaozheng`): they
register a court's commission to assess, submit the opinion in time, open a person's file from the list, set the
correction team (refused without a woman for a woman, then accepted) and see the resettlement list. Every page it
walks is Chinese: no English words and no raw codes. The bureau's leader gets 403."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import click_through, fill_required, require_line, valid_id_number

pytestmark = pytest.mark.browser

ALLOWED = {"sifa", "Excel", "CSV", "docx"}
WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def _chinese_only(page) -> None:
    text = page.locator("main").inner_text()
    english = sorted({w for w in WORD.findall(text) if w not in ALLOWED})
    assert not english, f"{page.url}: English or raw codes on a Chinese page: {english}"
    assert not re.search(r"\bcorrection\.[a-z_]+", text), page.url


def test_the_correction_staff_assess_and_supervise(signed_in, sifa_server):
    require_line(sifa_server, "/correction/", "correction")
    page = signed_in("jiaozheng")
    page.goto("/correction/assessments/new/")
    _chinese_only(page)
    form = page.locator("main form[method=post]").first
    fill_required(form, {"name": "浏览器被评估人", "id_number": valid_id_number("310107", "19800101", "123"),
                         "commission_number": "（2026）沪0107刑初901号", "commissioning_body": "上海市普陀区人民法院",
                         "offence": "盗窃罪"})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    assert not page.locator(".field.has-error, .error-box").count(), page.locator(".field.has-error").all_inner_texts()
    expect(page.locator("main")).to_contain_text("第十八条")
    _chinese_only(page)
    click_through(page, page.locator('main a[href$="/act/submit/"]').first)
    form = page.locator("main form[method=post]").first
    fill_required(form, {"findings": "有固定住所，家属愿意监护，所在社区无不良影响。"})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    expect(page.locator("main")).to_contain_text("已提交评估意见")

    page.goto("/correction/?state=supervised")
    _chinese_only(page)
    click_through(page, page.locator("main table.list tbody tr a[href^='/correction/']").first)
    expect(page.locator("main")).to_contain_text("矫正小组")
    _chinese_only(page)
    if page.locator('main a[href$="/act/set_team/"]').count():
        click_through(page, page.locator('main a[href$="/act/set_team/"]').first)
        form = page.locator("main form[method=post]").first
        fill_required(form, {"members": "李强，司法所工作人员，男"})
        with page.expect_navigation():
            form.locator('button[type="submit"]').last.click()
        refused = page.locator(".field.has-error, .error-box").count()
        if refused:  # a woman's team needs a woman member
            expect(page.locator("main")).to_contain_text("女性成员")
            form = page.locator("main form[method=post]").first
            form.locator("textarea[name$=members]").fill("李强，司法所工作人员，男\n赵敏，社会工作者，女")
            with page.expect_navigation():
                form.locator('button[type="submit"]').last.click()
        assert not page.locator(".field.has-error, .error-box").count()
        expect(page.locator("main")).to_contain_text("李强")

    page.goto("/correction/releases/")
    _chinese_only(page)

    leader = signed_in("leader")
    response = leader.goto("/correction/assessments/")
    assert response.status == 403
