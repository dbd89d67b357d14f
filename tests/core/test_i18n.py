"""Every UI string has a Chinese translation; the compiled catalogs match; English is one switch away."""

import pytest
from django.utils import translation

from sifa import i18n_tools


def test_every_string_in_the_code_has_a_chinese_translation(tmp_path):
    # Re-extract every catalog (project, each app, the third-party ones) from the code into a scratch copy,
    # merged with the committed translations: a new or changed string shows up untranslated there.
    written = i18n_tools.extract(out_root=tmp_path)
    assert written, "extraction produced no catalogs"
    missing = i18n_tools.missing(written)
    listing = "\n".join(f"  {path.relative_to(tmp_path)}: {msgid!r}" for path, msgid in missing)
    assert not missing, (f"{len(missing)} strings lack a Chinese translation "
                         f"(run `python -m sifa.i18n_tools extract`, translate, then `compile`):\n{listing}")


def test_committed_catalogs_are_fully_translated():
    missing = i18n_tools.missing()
    assert not missing, "\n".join(f"{p}: {m!r}" for p, m in missing)


def test_no_two_catalogs_translate_one_string_differently():
    # Django merges the catalogs and one translation wins everywhere: litigation's "Challenged act" had read
    # 被申请复议的行政行为 and mediation's "Organisation" 法人或其他组织. A line whose word means something else
    # gives it a context or its own msgid; two wordings of one meaning are aligned (`i18n_tools align`).
    rows = i18n_tools.collisions()
    assert not rows, "\n".join(f"{msgid!r} [{ctx}]: {by}" for (ctx, msgid), by in rows)


@pytest.mark.parametrize("domain_text, chinese", [
    (("litigation", "Act challenged in court"), "被诉行政行为"),
    (("litigation", "Schedule the court session"), "登记开庭排期"),
    (("mediation", "Mediation organisation"), "调解组织"),
    (("reports", "Increase or decrease"), "增减"),
])
def test_a_line_s_own_words_show_in_its_pages(domain_text, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(domain_text[1]) == chinese


def test_compiled_catalogs_match_their_sources():
    stale = i18n_tools.stale_mo()
    assert not stale, f"run `python -m sifa.i18n_tools compile`: {stale}"


@pytest.mark.parametrize("text, chinese", [
    ("My work", "我的工作"),
    ("Parties", "当事人"),
    ("Natural person", "自然人"),
    ("unified social credit code", "统一社会信用代码"),
])
def test_project_and_core_strings_show_in_chinese(text, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(text) == chinese


def test_third_party_strings_show_in_chinese():
    from axes.models import AccessAttempt

    with translation.override("zh-hans"):
        assert str(AccessAttempt._meta.verbose_name) == "登录尝试"


def test_pages_are_chinese_by_default(client):
    body = client.get("/login/").content.decode()
    assert "登录" in body and '<html lang="zh-hans">' in body


def test_the_language_switch_turns_pages_english(client):
    resp = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert resp.status_code == 302 and resp["Location"] == "/login/"
    body = client.get("/login/").content.decode()
    assert "Log in to sifa" in body and '<html lang="en">' in body
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/login/"})
    assert "登录" in client.get("/login/").content.decode()


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client):
    assert "登录" in client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()


def test_every_app_in_the_admin_has_a_chinese_name():
    # The admin groups records by app: "Axes 管理" and "Otp_Totp" were what an administrator read.
    import re

    from django.apps import apps
    from django.contrib import admin

    shown = {model._meta.app_label for model in admin.site._registry}
    with translation.override("zh-hans"):
        english = [label for label in shown
                   if not re.search(r"[\u4e00-\u9fff]", str(apps.get_app_config(label).verbose_name))]
    assert not english, english
