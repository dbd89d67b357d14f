"""sifa's Chinese error pages in every mode: with DEBUG (SIFA_DEBUG=1, `make run`) a missing page, a refusal, a
bad request and a crash show them too, not Django's English technical pages, unless SIFA_DEBUG_PAGES=1."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import include, path
from django.views.defaults import server_error


def _missing(request):
    raise Http404("no such record")


def _refused(request):
    raise PermissionDenied


def _bad(request):
    raise BadRequest("bad")


def _crash(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-errors/missing/", _missing),
    path("test-errors/refused/", _refused),
    path("test-errors/bad/", _bad),
    path("test-errors/crash/", _crash),
    path("", include("sifa.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.SIFA_DEBUG_PAGES = False
    return settings


def _page(response) -> str:
    return response.content.decode()


def test_an_unknown_address_shows_the_chinese_404_page_in_debug_mode(debug):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in _page(response) and "Using the URLconf" not in _page(response)
    assert response["Content-Type"].startswith("text/html")


def test_a_missing_record_shows_the_chinese_404_page_in_debug_mode(debug):
    response = Client().get("/test-errors/missing/")
    assert response.status_code == 404
    assert "页面不存在" in _page(response) and "no such record" not in _page(response)


def test_a_refusal_shows_the_chinese_403_page_in_debug_mode(debug):
    response = Client().get("/test-errors/refused/")
    assert response.status_code == 403 and "无权访问" in _page(response)


def test_a_bad_request_shows_the_chinese_400_page_in_debug_mode(debug):
    response = Client().get("/test-errors/bad/")
    assert response.status_code == 400
    assert "请求有误" in _page(response) and "Traceback" not in _page(response)


def test_a_crash_shows_the_chinese_500_page_in_debug_mode(debug):
    response = Client(raise_request_exception=False).get("/test-errors/crash/")
    assert response.status_code == 500
    assert "系统出错" in _page(response)
    assert "Traceback" not in _page(response) and "boom" not in _page(response)


def test_a_crash_still_reaches_the_test_client_and_the_log(debug, caplog):
    with pytest.raises(RuntimeError, match="boom"):
        Client().get("/test-errors/crash/")
    assert any(r.levelname == "ERROR" and "/test-errors/crash/" in r.getMessage() for r in caplog.records)


def test_the_slash_is_still_appended_before_a_404(debug):
    response = Client().get("/parties")
    assert response.status_code == 301 and response["Location"] == "/parties/"


def test_a_developer_gets_the_technical_pages_when_asking_for_them(debug):
    debug.SIFA_DEBUG_PAGES = True
    assert "Using the URLconf" in _page(Client().get("/no-such-page/"))
    assert "Traceback" in _page(Client(raise_request_exception=False).get("/test-errors/crash/"))


@pytest.mark.django_db(databases=[])
def test_the_500_page_needs_neither_the_database_nor_a_request_context():
    """Django's server_error renders 500.html with no request: the database may be what failed (no django_db
    access here: a query would raise)."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "系统出错" in _page(response)
