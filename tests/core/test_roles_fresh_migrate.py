"""One `sifa migrate` on an empty database leaves every seeded role with every permission ROLES lists."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from sifa.core.roles import ROLES


def test_one_migrate_on_an_empty_database_completes_every_role(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIFA_")}
    env.update({"SIFA_VAR_DIR": str(tmp_path), "SIFA_DATABASE_URL": f"sqlite:///{database}",
                "PYTHONPATH": os.pathsep.join(sys.path)})
    result = subprocess.run([sys.executable, "-m", "sifa", "migrate", "--no-input"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

    with sqlite3.connect(database) as db:
        existing = {f"{app}.{code}" for app, code in db.execute(
            "SELECT ct.app_label, p.codename FROM auth_permission p "
            "JOIN django_content_type ct ON ct.id = p.content_type_id")}
        held: dict[str, set[str]] = {}
        for role, app, code in db.execute(
                "SELECT r.code, ct.app_label, p.codename FROM core_role r "
                "JOIN core_role_permissions rp ON rp.role_id = r.id "
                "JOIN auth_permission p ON p.id = rp.permission_id "
                "JOIN django_content_type ct ON ct.id = p.content_type_id"):
            held.setdefault(role, set()).add(f"{app}.{code}")
    # the business lines' own permissions are among them (they are what a single migrate used to miss)
    assert "reconsideration.view_application" in existing
    missing = {role: sorted((set(spec["perms"]) & existing) - held.get(role, set()))
               for role, spec in ROLES.items()}
    assert not any(missing.values()), missing
