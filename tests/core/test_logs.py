"""Logs without personal data (issue #24, core.logs): whatever a request carries into a log — a number quoted in
an exception, a form's data logged by careless code, the request itself — comes out with no ID or mobile number,
as text and as JSON (SIFA_LOG_FORMAT=json)."""

from __future__ import annotations

import copy
import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import include, path
from hypothesis import given
from hypothesis import strategies as st

from sifa.core.validators import has_whole_personal_number, id_number_check_digit, mask_personal_numbers

ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"
log = logging.getLogger("sifa.tests.logs")


def _register(request):
    """A careless view: it logs the form's data, then fails with the number in the exception's message."""
    log.warning("registration form: %s", request.POST)
    log.warning("registration", extra={"applicant": request.POST["id_number"], "form": request.POST})
    raise ValueError(f"no party with ID number {request.POST['id_number']} / {request.POST['phone']}")


urlpatterns = [path("test-logs/register/", _register), path("", include("sifa.urls"))]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def log_output():
    """configure(format) -> a buffer that every handler of settings.LOGGING writes to, in that format."""
    buffer = io.StringIO()

    def configure(fmt: str) -> io.StringIO:
        config = copy.deepcopy(settings.LOGGING)
        config["handlers"]["console"]["formatter"] = fmt
        logging.config.dictConfig(config)
        for handler in logging.getLogger().handlers + logging.getLogger("django.server").handlers:
            if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest"):
                handler.setStream(buffer)
        return buffer

    yield configure
    logging.config.dictConfig(settings.LOGGING)


def _post_with_numbers() -> None:
    response = Client(raise_request_exception=False).post(
        "/test-logs/register/", {"name": "王小明", "id_number": ID_NUMBER, "phone": PHONE})
    assert response.status_code == 500


def _no_number(out: str) -> None:
    assert ID_NUMBER not in out and PHONE not in out
    assert "19491231" not in out and "1234567" not in out  # no part of them either
    assert not re.search(r"\d{11,}", out) and not has_whole_personal_number(out)


def test_a_post_with_an_id_number_leaves_no_number_in_the_json_log(log_output):
    out = log_output("json").getvalue
    _post_with_numbers()
    lines = [json.loads(line) for line in out().splitlines()]
    assert [entry["level"] for entry in lines] == ["WARNING", "WARNING", "ERROR"]
    form, extra, crash = lines
    assert form["logger"] == "sifa.tests.logs" and "[ID number]" in form["message"] and "王小明" in form["message"]
    assert extra["applicant"] == "[ID number]" and "[mobile number]" in extra["form"]
    assert crash["logger"] == "django.request" and crash["message"] == "Internal Server Error: /test-logs/register/"
    assert crash["status_code"] == 500 and crash["request"] == "POST /test-logs/register/"
    assert "ValueError: no party with ID number [ID number] / [mobile number]" in crash["exc_info"]
    _no_number(out())


def test_the_text_log_is_masked_too(log_output):
    out = log_output("text").getvalue
    _post_with_numbers()
    assert "Internal Server Error: /test-logs/register/" in out() and "Traceback" in out()
    assert "ValueError: no party with ID number [ID number] / [mobile number]" in out()
    _no_number(out())


def test_a_masked_record_still_reaches_every_handler_once(log_output):
    out = log_output("json").getvalue
    log.error("one %s two %s", ID_NUMBER, "plain", extra={"count": 3})
    (entry,) = [json.loads(line) for line in out().splitlines()]
    assert entry["message"] == "one [ID number] two plain" and entry["count"] == 3


ID_BODIES = st.builds(lambda region, born, seq: f"{region}{born:%Y%m%d}{seq:03d}",
                      st.integers(110000, 659999), st.dates(date(1920, 1, 1), date(2025, 12, 31)),
                      st.integers(0, 999))


@given(st.text(alphabet="姓名：，, ;=&abcX", max_size=8), ID_BODIES,
       st.sampled_from(["13812345678", "138-1234-5678", "+86 138 1234 5678", "8613912345678"]),
       st.text(alphabet="。 &x", min_size=1, max_size=4))
def test_every_whole_number_is_masked_wherever_it_stands(prefix, body, mobile, suffix):
    text = f"{prefix}{body}{id_number_check_digit(body)}{suffix}{mobile}{suffix}"
    masked = mask_personal_numbers(text)
    assert not has_whole_personal_number(masked) and not re.search(r"\d{6,}", masked)  # nothing left of them
    assert masked.startswith(prefix) and "[ID number]" in masked and "[mobile number]" in masked


def test_other_figures_are_left_alone():
    text = "case 普府复〔2022〕12号, 60 days, 2024-03-04, receipt 20240304001, credit code 91310000MA1FL4XX0K"
    assert mask_personal_numbers(text) == text


def test_an_unknown_log_format_stops_sifa_at_start():
    env = {**os.environ, "SIFA_LOG_FORMAT": "xml"}
    done = subprocess.run([sys.executable, "-c", "import sifa.settings"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0 and "SIFA_LOG_FORMAT must be text or json" in done.stderr
