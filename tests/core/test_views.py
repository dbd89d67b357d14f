"""The UI shell: my work, the unit tree, navigation by permission, security headers, no inline code."""

import re
from pathlib import Path

import pytest

import sifa
from sifa.core import navigation


def test_home_page_says_so_when_there_is_no_work(users, login):
    body = login(users["handler"]).get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "我的工作" in body and "您没有待办事项" in body and "没有正在计算的期限" in body
    assert "案件承办人 · 行政复议科" in body


def test_home_page_lists_the_open_items_lines_register(users, login):
    navigation.register(navigation.NavItem("core_test", "测试条线", "party_list", "core.view_party", 999),
                        work=lambda user: [navigation.WorkItem("core_test", "普府复〔2026〕1号", "/x/", "审理中")])
    try:
        body = login(users["handler"]).get("/").content.decode()
        assert "测试条线" in body and "普府复〔2026〕1号" in body
        assert "测试条线" not in login(users["admin"]).get("/").content.decode()  # no permission, no line
    finally:
        navigation._NAV.pop("core_test"), navigation._WORK.pop("core_test")


def test_navigation_shows_only_what_the_user_may_use(users, login):
    handler = login(users["handler"]).get("/").content.decode()
    assert 'href="/parties/"' in handler and 'href="/units/"' in handler
    assert 'href="/audit/"' not in handler and 'href="/admin/"' not in handler
    auditor = login(users["auditor"]).get("/").content.decode()
    assert 'href="/audit/"' in auditor and 'href="/parties/"' not in auditor


def test_pages_need_a_login(district, client):
    for url in ("/parties/", "/units/", "/audit/"):  # "/" is the public home page for a visitor
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith("/login/?next=")


def test_unit_tree_shows_the_subtree_in_order(users, login):
    resp = login(users["changshou"]).get("/units/")
    names = [r.unit.name for r in resp.context["rows"]]
    assert names == ["长寿路街道司法所", "长寿路街道人民调解委员会", "长寿路街道靠谱解纷中心"]
    assert [r.depth for r in resp.context["rows"]] == [0, 1, 1]


def test_unit_tree_search_finds_units_with_their_ancestors(users, login):
    resp = login(users["leader"]).get("/units/", {"q": "曹杨"})
    rows = resp.context["rows"]
    assert {r.unit.code for r in rows} == {"PT-SFS-CYXC", "PT-TWH-CYXC", "PT-JFZX-CYXC", "PT-JDB-CYXC"}
    assert "上海市普陀区司法局 › 曹杨新村街道司法所 ›" in resp.content.decode()


def test_unit_tree_filters_by_kind(users, login):
    rows = login(users["leader"]).get("/units/", {"kind": "justice_office"}).context["rows"]
    assert len(rows) == 10 and all(r.unit.kind == "justice_office" for r in rows)


def test_unit_tree_uses_a_fixed_number_of_queries(users, login, django_assert_max_num_queries):
    client = login(users["leader"])
    # session, user, role permissions, unit paths, the units; the session renewal (savepoint, update, release)
    with django_assert_max_num_queries(9):
        client.get("/units/")


def test_audit_log_filters_and_survives_bad_dates(users, login, make_party):
    make_party()
    client = login(users["auditor"])
    assert "登记当事人" in client.get("/audit/", {"action": "party."}).content.decode()  # party.created, in words
    assert "登记当事人" not in client.get("/audit/", {"action": "auth."}).content.decode()
    assert client.get("/audit/", {"date_from": "2022-02-30"}).status_code == 200


def test_not_found_and_not_allowed_pages_are_chinese(users, login):
    missing = login(users["handler"]).get("/parties/999999/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    forbidden = login(users["admin"]).get("/parties/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert forbidden.status_code == 403 and "无权" in forbidden.content.decode()


def test_security_headers(users, login):
    resp = login(users["handler"]).get("/")
    csp = resp["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "style-src 'self'" in csp
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["X-Content-Type-Options"] == "nosniff"


TEMPLATE_ROOT = Path(sifa.__file__).parent
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on...= event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


@pytest.mark.parametrize("path", sorted(TEMPLATE_ROOT.glob("**/templates/**/*.html")),
                         ids=lambda p: str(p.relative_to(TEMPLATE_ROOT)))
def test_templates_have_no_inline_script_or_style(path):
    text = path.read_text()
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{path.relative_to(TEMPLATE_ROOT)} has {', '.join(found)}: the CSP blocks it"


def test_healthz(client):
    assert client.get("/healthz").content == b"ok"
