"""Production settings pass Django's deployment checks; development defaults do not pretend to."""

import os
import secrets
import subprocess
import sys


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SIFA_")}
    clean.update({"SIFA_VAR_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "-m", "sifa", "check", "--deploy", "--fail-level", "WARNING"],
                          env=clean, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check_deploy(tmp_path, SIFA_DEBUG="0", SIFA_SECRET_KEY=secrets.token_urlsafe(50),
                           SIFA_ALLOWED_HOSTS="sifa.example.gov.cn")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_about_debug_mode(tmp_path):
    result = _check_deploy(tmp_path, SIFA_DEBUG="1", SIFA_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


def test_a_secret_key_is_generated_into_var_when_absent(tmp_path):
    result = _check_deploy(tmp_path, SIFA_DEBUG="0", SIFA_ALLOWED_HOSTS="sifa.example.gov.cn")
    assert result.returncode == 0, result.stdout + result.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only
    assert len(bytes.fromhex((tmp_path / "data_key").read_text().strip())) == 16
