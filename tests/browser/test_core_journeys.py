"""Journeys through the kernel's pages: logging in, languages, parties across justice offices, the audit log."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import LoginAs, click_through, complete_with_keyboard, field, valid_id_number

pytestmark = pytest.mark.browser


def test_a_handler_logs_in_in_chinese_and_switches_to_english_and_back(page, login_as):
    page.goto("/")  # a visitor's home is the citizens' page; staff sign in from its small link
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("link", name="网上申请", exact=True)).to_be_visible()
    click_through(page, page.get_by_role("link", name="工作人员登录"))
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("登录")
    expect(page.get_by_role("link", name="网上申请", exact=True)).to_be_visible()  # and back to the portal

    login_as("handler")
    expect(page).to_have_url(re.compile(r"/$"))
    nav = page.get_by_role("navigation", name="业务条线")
    expect(nav.get_by_role("link", name="我的工作")).to_have_attribute("aria-current", "page")
    expect(page.locator(".who")).to_have_text("李承办")

    page.get_by_label("语言").select_option("en")
    page.get_by_role("button", name="切换").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Business lines").get_by_role("link", name="My work")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # The choice sticks across pages until it is changed back.
    click_through(page, page.get_by_role("navigation", name="Business lines").get_by_role("link", name="Parties",
                                                                                            exact=True))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option("zh-hans")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("navigation", name="业务条线").get_by_role("link", name="当事人", exact=True)).to_be_visible()


def test_a_wrong_password_is_refused_with_a_chinese_message(page, login_as):
    login_as("legalaid", "Wrong-password-1")
    expect(page).to_have_url(re.compile(r"/login/"))
    alert = page.locator(".error-box[role=alert]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("密码")
    assert re.search(r"[\u4e00-\u9fff]", alert.inner_text()), "the log-in error is not in Chinese"
    # The password is not echoed back into the form.
    expect(page.get_by_label("密码")).to_have_value("")


def _new_party(page, *, name: str, id_number: str):
    page.goto("/parties/new/")
    field(page, "类型").select_option(label="自然人")
    field(page, "名称").fill(name)
    field(page, "证件类型").select_option(label="居民身份证")
    field(page, "证件号码").fill(id_number)
    click_through(page, page.get_by_role("button", name="保存"))


def test_a_justice_office_cannot_open_another_offices_party(page, new_context):
    # 曹杨新村街道司法所 registers a party through the form...
    login_as = LoginAs(page)
    login_as("caoyang")
    _new_party(page, name="浏览器测试当事人曹杨", id_number=valid_id_number("310107", "19800101", "123"))
    expect(page).to_have_url(re.compile(r"/parties/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("已保存")
    expect(page.get_by_role("heading", level=1)).to_contain_text("浏览器测试当事人曹杨")
    # The whole ID number is not shown, only the masked copy.
    expect(page.locator("#id-number")).not_to_contain_text("19800101")
    party_path = re.search(r"/parties/\d+/", page.url).group(0)

    # ... and 长寿路街道司法所 may neither open it nor find it.
    other = new_context().new_page()
    LoginAs(other)("changshou")
    response = other.goto(party_path)
    assert response.status == 404
    expect(other.get_by_role("heading", level=1)).to_have_text("页面不存在")
    expect(other.locator("main")).to_contain_text("不属于您所在单位的范围")

    other.goto("/parties/")
    other.get_by_label("查询", exact=True).fill("浏览器测试当事人曹杨")
    other.get_by_label("查询", exact=True).press("Enter")
    other.wait_for_load_state()
    expect(other.locator("main")).not_to_contain_text("浏览器测试当事人曹杨")
    assert other.goto(party_path + "edit/").status == 404


def test_a_wrong_id_number_gets_a_chinese_error_on_its_field_and_nothing_is_saved(page, login_as):
    login_as("caoyang")
    good = valid_id_number("310107", "19750315", "456")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    _new_party(page, name="浏览器测试错号当事人", id_number=wrong)

    expect(page).to_have_url(re.compile(r"/parties/new/$"))
    errored = page.locator(".field.has-error")
    expect(errored).to_have_count(1)
    expect(errored.locator("label")).to_contain_text("证件号码")
    expect(errored.get_by_role("alert")).to_have_text("身份证号码校验位错误，请核对号码。")
    # What was typed stays in the form to be corrected.
    expect(field(page, "名称")).to_have_value("浏览器测试错号当事人")

    page.goto("/parties/")
    page.get_by_label("查询", exact=True).fill("浏览器测试错号当事人")
    page.get_by_label("查询", exact=True).press("Enter")
    page.wait_for_load_state()
    expect(page.locator("main")).not_to_contain_text("浏览器测试错号当事人")


def test_the_audit_administrator_reads_the_audit_log_but_not_parties(page, login_as):
    login_as("auditor")
    nav = page.get_by_role("navigation", name="业务条线")
    expect(nav.get_by_role("link", name="审计日志")).to_be_visible()
    expect(nav.get_by_role("link", name="当事人", exact=True)).to_have_count(0)

    nav.get_by_role("link", name="审计日志").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("审计日志")
    expect(page.locator("table.list tbody tr").first).to_be_visible()

    response = page.goto("/parties/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")


def test_the_party_form_can_be_completed_with_the_keyboard_alone(signed_in):
    page = signed_in("caoyang")
    page.goto("/parties/new/")
    complete_with_keyboard(page, "main form[method=post]", {
        "kind": "自然人", "name": "键盘录入当事人", "id_type": "居民身份证",
        "id_number": valid_id_number("310107", "19920202", "318"),
    })
    expect(page).to_have_url(re.compile(r"/parties/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("键盘录入当事人")
