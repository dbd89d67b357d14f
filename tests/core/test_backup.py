"""sifa backup / sifa restore (issue #24): demo → backup → wipe → restore gives the same installation: the audit
chain verifies, the figures are the same, an uploaded attachment downloads byte-for-byte; the keys are never in
the backup; a damaged backup or a non-empty target is refused before anything is written.

Each installation is a `sifa` subprocess with its own SIFA_VAR_DIR and SIFA_DATABASE_URL: the test database of
pytest is not touched."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

# Run in an installation through `sifa shell -c`: a reconsideration case of the demo gets an attachment.
ATTACH = """
import hashlib, json
from django.core.files.uploadedfile import SimpleUploadedFile
from sifa.core.models import User
from sifa.reconsideration import services
from sifa.reconsideration.models import Application
app = Application.objects.order_by("pk").first()
user = next(u for u in User.objects.order_by("pk") if Application.objects.visible_to(u).filter(pk=app.pk).exists())
data = bytes(range(256)) * 4000 + "身份证明".encode()
att = services.attachment_add(application=app, file=SimpleUploadedFile("身份证明 钱某某.pdf", data,
                              content_type="application/pdf"), by=user)
print(json.dumps({"case": app.pk, "att": att.pk, "user": user.pk, "sha256": hashlib.sha256(data).hexdigest()}))
"""

# Fetch the attachment through its view, signed in as `user` (past the second factor), print its SHA-256.
DOWNLOAD = """
import hashlib
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from sifa.core import two_factor
from sifa.core.models import User
setup_test_environment()
client = Client()
client.force_login(User.objects.get(pk={user}), backend="sifa.core.auth.RoleBackend")
session = client.session
session[two_factor.SESSION_KEY] = two_factor.PASSED
session.save()
resp = client.get(reverse("reconsideration:attachment", args=[{case}, {att}]))
assert resp.status_code == 200, resp.status_code
print(hashlib.sha256(b"".join(resp.streaming_content)).hexdigest())
"""

KEYS = ("data_key", "audit_key", "secret_key")


class Installation:
    def __init__(self, var: Path, url: str):
        self.var, self.url = var, url
        var.mkdir(parents=True, exist_ok=True)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SIFA_", "DJANGO_"))}
        env.update(SIFA_VAR_DIR=str(self.var), SIFA_DATABASE_URL=self.url, PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run([sys.executable, "-m", "sifa", *args], env=env, capture_output=True, text=True,
                              timeout=600)
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def shell(self, code: str) -> str:
        return self.run("shell", "-c", code).stdout.strip().splitlines()[-1]

    def metrics(self) -> dict:
        return json.loads(self.run("metrics", "--from", "2000-01-01", "--to", "2030-12-31", "--json").stdout)


def _postgres_urls() -> tuple[str, str, callable]:
    import psycopg

    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    server = f"postgresql://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    names = [f"{db['NAME']}_backup_src", f"{db['NAME']}_backup_dst"]

    def fresh(create: bool = True):
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if create:
                    conn.execute(f'CREATE DATABASE "{name}"')

    return f"{server}/{names[0]}", f"{server}/{names[1]}", fresh


def _round_trip(tmp_path: Path, source_url: str, target_url: str):
    source = Installation(tmp_path / "source", source_url)
    source.run("migrate", "-v0")
    source.run("demo", "--only", "reconsideration")
    made = json.loads(source.shell(ATTACH))
    before = source.metrics()
    assert any(before.values())

    backup = tmp_path / "backups" / "sifa.tar.gz"
    source.run("backup", "-o", str(backup))

    # the keys are never in the backup, under any name or as content
    with tarfile.open(backup) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert not [n for n in names if "key" in n or "checkpoint" in n]
    raw = gzip.decompress(backup.read_bytes())
    for key in KEYS:
        assert (source.var / key).read_bytes().strip() not in raw
    assert manifest["engine"] in ("sqlite", "postgresql") and "0001_initial" in manifest["migrations"]["core"]
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    assert sum(n.startswith("files/reconsideration/") for n in names) == 1

    # wipe: a new installation with an empty database and an empty var dir, the same keys
    target = Installation(tmp_path / "target", target_url)
    for key in KEYS:
        shutil.copy(source.var / key, target.var / key)

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(backup) as tar, tarfile.open(damaged, "w") as out_tar:
        for info in tar:
            data = tar.extractfile(info).read()
            if info.name.startswith("files/"):
                data = data[:-1] + b"X"
            out_tar.addfile(info, io.BytesIO(data))
    refused = target.run("restore", str(damaged), check=False)
    assert refused.returncode == 1 and "与清单不符" in refused.stderr  # the checksum does not match
    assert "0 tables" in target.run("shell", "-c", "from django.db import connection; "
                                        "print(len(connection.introspection.table_names()), 'tables')").stdout
    assert not (target.var / "private").exists() or not any((target.var / "private").rglob("*.pdf"))

    target.run("restore", str(backup))
    verified = target.run("audit", "verify")
    assert "审计链完整" in verified.stdout
    assert target.metrics() == before
    assert target.shell(DOWNLOAD.format(**made)) == made["sha256"]

    again = target.run("restore", str(backup), check=False)
    assert again.returncode == 1 and "目标数据库不是空的" in again.stderr
    return target


def test_backup_wipe_restore_on_sqlite(tmp_path):
    _round_trip(tmp_path, f"sqlite:///{tmp_path / 'source' / 'sifa.sqlite3'}",
                f"sqlite:///{tmp_path / 'target' / 'sifa.sqlite3'}")


@pytest.mark.postgres
def test_backup_wipe_restore_on_postgresql(tmp_path, request):
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("needs PostgreSQL (SIFA_DATABASE_URL=postgres://...)")
    source_url, target_url, fresh = _postgres_urls()
    fresh()
    request.addfinalizer(lambda: fresh(create=False))  # no databases left behind
    _round_trip(tmp_path, source_url.replace("postgresql://", "postgres://", 1),
                target_url.replace("postgresql://", "postgres://", 1))


# --- the checks, in process ---------------------------------------------------------------------------------

def _tar(tmp_path: Path, members: dict[str, bytes], listed: dict[str, bytes]) -> tarfile.TarFile:
    import hashlib

    manifest = {"format": 1, "engine": "sqlite", "files": [
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in listed.items()]}
    path = tmp_path / "b.tar"
    with tarfile.open(path, "w") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return tarfile.open(path)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("members", "listed", "message"), [
    ({"database/sifa.sqlite3": b"db", "files/a.pdf": b"x"}, {"database/sifa.sqlite3": b"db"}, "does not list"),
    ({"database/sifa.sqlite3": b"db", "files/../../etc/x": b"x"},
     {"database/sifa.sqlite3": b"db", "files/../../etc/x": b"x"}, "does not list"),
    ({"database/sifa.sqlite3": b"dB"}, {"database/sifa.sqlite3": b"db"}, "does not match the manifest"),
    ({"database/sifa.sqlite3": b"db"}, {"database/sifa.sqlite3": b"db", "files/a.pdf": b"x"}, "lacks files/a.pdf"),
])
def test_a_backup_that_differs_from_its_manifest_is_refused(tmp_path, members, listed, message):
    from sifa.core import backup

    with _tar(tmp_path, members, listed) as tar:
        manifest = backup.read_manifest(tar)
        with pytest.raises(backup.BackupError, match=message):
            backup.verify(tar, manifest)


@pytest.mark.usefixtures("english")
def test_without_pg_dump_the_message_says_what_to_install(monkeypatch):
    from sifa.core import backup

    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup, "_server_major", lambda: 15)
    with pytest.raises(backup.BackupError, match=r"pg_dump is not installed.*postgresql-client-15"):
        backup._pg_tool("pg_dump")


@pytest.mark.usefixtures("english")
def test_an_older_pg_dump_than_the_server_is_refused(monkeypatch):
    from sifa.core import backup

    monkeypatch.setattr(backup, "_server_major", lambda: 17)
    if backup.shutil.which("pg_dump") is None:
        pytest.skip("no pg_dump here")
    with pytest.raises(backup.BackupError, match=r"the server 17.*postgresql-client-17"):
        backup._pg_tool("pg_dump")
