"""Backup and restore of an installation: its database and its uploaded files, in one tar file with a manifest
(issue #24). See docs/operations.md for the schedule and the restore drill.

- `create(path)`: a consistent copy while sifa is in use. SQLite: the online backup API (a snapshot of the
  database file as of one transaction, WAL included); PostgreSQL: `pg_dump --format=custom`, which reads the
  whole database in one snapshot. Then the private uploads (`core.files`, `$SIFA_VAR_DIR/private`), and
  `manifest.json`: sifa's version, the applied migrations, the engine, when, and every file with its size and
  SHA-256. The archive is `.tar`, or gzipped when its name ends in `.gz`/`.tgz`.
- `restore(path)`: into an empty installation only (no table in the database, no upload in the var dir). Every
  checksum of the manifest is checked before anything is written; then the database (SQLite: the file;
  PostgreSQL: `pg_restore` into the existing empty database), then the uploads.

Never inside a backup: the keys (`SIFA_DATA_KEY`/var/data_key, `SIFA_AUDIT_KEY`/var/audit_key, the secret key)
— only the `private` folder of the var dir is read — nor the audit checkpoint file, which is archived apart.
A backup without its data key cannot be read back: the operator keeps the keys apart (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from sifa.core.files import private_storage

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/sifa.sqlite3"
PG_MEMBER = "database/sifa.pgdump"
FILES = "files/"  # + path under the private folder
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, for the operator."""


@dataclass
class Summary:
    path: Path
    files: int
    size: int
    engine: str


def _sha256(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(_CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def _version() -> str:
    try:
        return metadata.version("sifa")
    except metadata.PackageNotFoundError:
        return "unknown"


def _migrations(dump: Path) -> dict[str, list[str]]:
    """The applied migrations: SQLite, as of the copy itself; PostgreSQL, as of now (a migration is not run
    while a backup is made)."""
    query = "SELECT app, name FROM django_migrations ORDER BY app, id"
    if _engine() == "sqlite":
        copy = sqlite3.connect(dump)
        try:
            rows = copy.execute(query).fetchall()
        finally:
            copy.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute(query)
            rows = cursor.fetchall()
    state: dict[str, list[str]] = {}
    for app, name in rows:
        state.setdefault(app, []).append(name)
    return state


def _pg_args() -> tuple[list[str], dict[str, str]]:
    """The connection of pg_dump/pg_restore: the settings' parameters, the password in the environment."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str) -> str:
    """The path of pg_dump / pg_restore, whose major version must not be older than the server's."""
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(_("%(tool)s is not installed: install the PostgreSQL client tools of the server's "
                            "version (Debian: postgresql-client-%(major)s).") % {
            "tool": name, "major": _server_major()})
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    major = int(found.group(1)) if found else 0
    if major < _server_major():
        raise BackupError(_("%(tool)s is version %(tool_major)s, the server %(server_major)s: install the client "
                            "tools of the server's version (Debian: postgresql-client-%(server_major)s).") % {
            "tool": name, "tool_major": major, "server_major": _server_major()})
    return tool


def _server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _dump_database(workdir: Path) -> tuple[str, Path]:
    """A consistent copy of the database into workdir: (member name, path)."""
    if _engine() == "sqlite":
        target = workdir / "sifa.sqlite3"
        if not Path(settings.DATABASES["default"]["NAME"]).is_file():  # connecting would make an empty one
            raise BackupError(_("No database file at %(path)s: check SIFA_VAR_DIR and SIFA_DATABASE_URL.") % {
                "path": settings.DATABASES["default"]["NAME"]})
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
        return SQLITE_MEMBER, target
    if _engine() == "postgresql":
        tool = _pg_tool("pg_dump")
        target = workdir / "sifa.pgdump"
        args, env = _pg_args()
        done = subprocess.run([tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target),
                               *args], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": done.stderr.strip()})
        return PG_MEMBER, target
    raise BackupError(_("No backup for the database engine %(engine)s.") % {"engine": _engine()})


def _uploads() -> list[tuple[str, Path]]:
    root = Path(private_storage().location)
    if not root.is_dir():
        return []
    return sorted((FILES + p.relative_to(root).as_posix(), p) for p in root.rglob("*") if p.is_file())


def create(path: str | os.PathLike) -> Summary:
    """Write a backup of the database and the uploads to `path` (.tar, or .tar.gz/.tgz)."""
    path = Path(path)
    mode = "w:gz" if path.name.endswith((".gz", ".tgz")) else "w"
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sifa-backup-") as tmp:
        member, dump = _dump_database(Path(tmp))  # first: every upload the database names exists by then
        entries = [(member, dump), *_uploads()]
        listed = []
        for name, source in entries:
            with open(source, "rb") as f:
                listed.append({"path": name, "size": os.fstat(f.fileno()).st_size, "sha256": _sha256(f)})
        manifest = {
            "format": FORMAT,
            "sifa_version": _version(),
            "engine": _engine(),
            "created_at": timezone.now().isoformat(),
            "migrations": _migrations(dump),
            "files": listed,
        }
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, mode) as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            for entry, (name, source) in zip(listed, entries, strict=True):
                info = tarfile.TarInfo(name)
                info.size, info.mode = entry["size"], 0o600
                info.mtime = int(source.stat().st_mtime)
                with open(source, "rb") as f:
                    tar.addfile(info, f)
        os.chmod(partial, 0o600)
        os.replace(partial, path)  # never a half-written backup under the final name
    return Summary(path=path, files=len(listed) - 1, size=path.stat().st_size, engine=manifest["engine"])


# --- restore -----------------------------------------------------------------------------------------------

def _safe(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and name == p.as_posix()


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError):
        raise BackupError(_("This is not a sifa backup: it has no readable manifest.")) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup's format (%(format)s) is not one this version of sifa reads.") % {
            "format": manifest.get("format")})
    return manifest


def verify(tar: tarfile.TarFile, manifest: dict) -> None:
    """Every member is in the manifest with its size and checksum, and every listed file is there."""
    listed = {f["path"]: f for f in manifest["files"]}
    seen = set()
    for info in tar:
        if info.name == MANIFEST:
            continue
        entry = listed.get(info.name)
        if entry is None or not info.isfile() or not _safe(info.name):
            raise BackupError(_("The backup holds a file its manifest does not list: %(name)s.") % {
                "name": info.name})
        if info.size != entry["size"] or _sha256(tar.extractfile(info)) != entry["sha256"]:
            raise BackupError(_("The checksum of %(name)s does not match the manifest: the backup is damaged. "
                                "Nothing was restored.") % {"name": info.name})
        seen.add(info.name)
    missing = sorted(set(listed) - seen)
    if missing:
        raise BackupError(_("The backup lacks %(name)s, which its manifest lists. Nothing was restored.") % {
            "name": missing[0]})


def _check_empty(engine: str) -> None:
    if engine != _engine():
        raise BackupError(_("This backup is of a %(backup)s database; this installation uses %(here)s.") % {
            "backup": engine, "here": _engine()})
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(_("The target database is not empty (it has %(n)s tables): restore only into an empty "
                            "database. Nothing was restored.") % {"n": len(tables)})
    root = Path(private_storage().location)
    if root.is_dir() and any(p.is_file() for p in root.rglob("*")):
        raise BackupError(_("The folder of uploads %(path)s is not empty: restore only into an empty "
                            "installation. Nothing was restored.") % {"path": root})


def restore(path: str | os.PathLike) -> dict:
    """Restore the backup at `path` into this (empty) installation; returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("No such backup file: %(path)s.") % {"path": path})
    try:
        tar = tarfile.open(path, "r:*")
    except tarfile.TarError:
        raise BackupError(_("This is not a sifa backup: it has no readable manifest.")) from None
    with tar:
        manifest = read_manifest(tar)
        _check_empty(manifest["engine"])
        verify(tar, manifest)  # before anything is written
        database = SQLITE_MEMBER if manifest["engine"] == "sqlite" else PG_MEMBER
        with tempfile.TemporaryDirectory(prefix="sifa-restore-") as tmp:
            dump = Path(tmp) / "database"
            with tar.extractfile(database) as src, open(dump, "wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
            _load_database(dump)
        root = Path(private_storage().location)
        for entry in manifest["files"]:
            if not entry["path"].startswith(FILES):
                continue
            target = root / entry["path"][len(FILES):]
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with tar.extractfile(entry["path"]) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
            os.chmod(target, 0o600)
    return manifest


def _load_database(dump: Path) -> None:
    if _engine() == "sqlite":
        name = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        partial = name.with_name(f".{name.name}.restoring")
        shutil.copyfile(dump, partial)
        os.chmod(partial, 0o600)
        os.replace(partial, name)
        return
    tool = _pg_tool("pg_restore")
    args, env = _pg_args()
    connection.close()
    done = subprocess.run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                           *args, str(dump)], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(_("pg_restore failed (nothing was restored): %(error)s") % {"error": done.stderr.strip()})
