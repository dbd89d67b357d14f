"""Attachments are never served by a static route: stored privately under random names, sent only through the
download view, in scope, audited, as an attachment (issue #14, hole 3)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from sifa.core.models import AuditEvent
from sifa.reconsideration import services
from sifa.reconsideration.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
NAME = "身份证明 钱某某.pdf"


@pytest.fixture
def var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture
def debug_urls(settings):
    """The URLs as `SIFA_DEBUG=1` builds them (urls.py is read again with DEBUG on, and again after)."""
    import sifa.urls

    settings.DEBUG = True
    importlib.reload(sifa.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(sifa.urls)
    clear_url_caches()


def attach(app, by, name: str = NAME) -> Attachment:
    return services.attachment_add(application=app, file=SimpleUploadedFile(name, PDF, content_type="application/pdf"),
                                   by=by)


def url(att: Attachment) -> str:
    return reverse("reconsideration:attachment", args=[att.case_id, att.pk])


def test_an_attachment_is_kept_in_private_storage_under_a_random_name(var, make_app, handler):
    att = attach(make_app(), handler)
    assert re.fullmatch(r"reconsideration/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", att.file.name)
    assert att.name == NAME
    path = Path(att.file.path)
    assert path.is_relative_to(var / "private") and path.read_bytes() == PDF
    assert not list((var / "media").rglob("*"))
    other = attach(make_app(), handler)
    assert other.file.name != att.file.name


def test_no_route_serves_uploads_even_with_debug_on(var, debug_urls, client, make_app, handler):
    att = attach(make_app(), handler)
    assert client.get("/media/" + att.file.name).status_code == 404
    with pytest.raises(Resolver404):
        resolve("/media/" + att.file.name)


def test_an_anonymous_visitor_is_sent_to_log_in(var, client, make_app, handler):
    resp = client.get(url(attach(make_app(), handler)))
    assert resp.status_code == 302 and "login" in resp["Location"]


def test_a_user_who_may_not_see_the_case_gets_404(var, make_app, handler, users, login):
    att = attach(make_app(), handler)
    assert login(users["yingsu"]).get(url(att)).status_code == 404  # a handler of another division
    before = AuditEvent.objects.filter(action="reconsideration.attachment.downloaded").count()
    assert before == 0


def test_an_attachment_asked_for_under_another_case_is_404(var, make_app, handler, login):
    att = attach(make_app(), handler)
    other = make_app()
    resp = login(handler).get(reverse("reconsideration:attachment", args=[other.pk, att.pk]))
    assert resp.status_code == 404


def test_a_permitted_user_gets_the_file_as_an_attachment_and_the_read_is_audited(var, make_app, handler, users,
                                                                                 login):
    att = attach(make_app(), handler)
    resp = login(users["fuyi_head"]).get(url(att))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert resp["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in resp["Cache-Control"]
    event = AuditEvent.objects.filter(action="reconsideration.attachment.downloaded").latest("seq")
    assert event.actor_id == users["fuyi_head"].pk and event.summary == NAME and event.payload["read"] is True
    assert event.object_id == str(att.case_id)


def test_a_file_missing_from_the_storage_is_404(var, make_app, handler, login):
    att = attach(make_app(), handler)
    Path(att.file.path).unlink()
    assert login(handler).get(url(att)).status_code == 404


def test_the_migration_moves_served_files_to_private_storage(var, make_app, handler,
                                                             django_capture_on_commit_callbacks):
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("sifa.reconsideration.migrations.0006_attachments_private_random_names")
    att = attach(make_app(), handler)
    old = "reconsideration/2024/03/钱某某身份证.pdf"  # where the old code kept it, under MEDIA_ROOT
    (var / "media" / old).parent.mkdir(parents=True)
    (var / "media" / old).write_bytes(PDF)
    Path(att.file.path).unlink()
    Attachment.objects.filter(pk=att.pk).update(file=old)

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    with django_capture_on_commit_callbacks(execute=True):
        migration.move_to_private_storage(apps, editor)
    att.refresh_from_db()
    assert re.fullmatch(r"reconsideration/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", att.file.name)
    assert Path(att.file.path).read_bytes() == PDF and not (var / "media" / old).exists()
