"""A citizen opening `/` gets the public home page (apply online, follow progress, what each service needs, the
offices' addresses and hours, a small staff sign-in link); staff keep their work; the log-in page links the
portal."""

from __future__ import annotations

import pytest

from sifa.demo.district import DEMO_ADDRESS


def test_a_visitor_lands_on_the_public_home_page(district, client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    for link in ('href="/apply/"', 'href="/apply/progress/"', 'href="/login/"'):
        assert link in body
    assert "办事指南" in body and "行政复议" in body and "人民调解" in body and "法律援助" in body
    assert "我的工作" not in body and "退出登录" not in body


def test_the_public_home_page_lists_the_demo_offices_with_address_and_hours(district, client):
    body = client.get("/").content.decode()
    for office in ("上海市普陀区司法局", "行政复议科", "普陀区法律援助中心", "长寿路街道司法所", "桃浦镇司法所"):
        assert office in body
    assert DEMO_ADDRESS in body and "周一至周五" in body
    assert "区房管局" not in body  # a unit without an address receives no citizens here


@pytest.mark.django_db
def test_without_addresses_the_page_says_so(client):
    assert "尚未录入办公地点" in client.get("/").content.decode()


def test_a_signed_in_user_keeps_their_work(users, login):
    body = login(users["handler"]).get("/").content.decode()
    assert "我的工作" in body and "工作人员登录" not in body


def test_the_login_page_links_the_portal(district, client):
    body = client.get("/login/").content.decode()
    assert 'href="/apply/"' in body and 'href="/apply/progress/"' in body
