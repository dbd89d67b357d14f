"""Translation catalogs: extract, list what is untranslated, compile (with polib; the .mo files are committed).

    python -m sifa.i18n_tools extract [DOMAIN ...]   # refresh .po files from the code (needs GNU gettext)
    python -m sifa.i18n_tools missing                # list msgids without a Chinese translation
    python -m sifa.i18n_tools compile                # write the .mo files

A domain is an app folder under src/sifa with its own locale/ (core, reconsideration, ...), or "project"
for src/sifa/templates and the project modules, whose catalog is src/sifa/locale.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent
LANG = "zh_Hans"
PROJECT_FILES = ["templates", "settings.py", "urls.py", "i18n_tools.py"]


def app_domains() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and (p / "apps.py").exists())


def po_files() -> list[Path]:
    return sorted(ROOT.glob(f"**/locale/{LANG}/LC_MESSAGES/django.po"))


def extract(domains: list[str] | None = None, *, out_root: Path | None = None) -> list[Path]:
    """Run makemessages for each domain. With out_root, write into a copy there (the i18n test uses it)."""
    domains = domains or ["project", *app_domains()]
    written = []
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sifa.settings"}
    for domain in domains:
        if domain == "project":
            cwd = ROOT
            ignore = [f"--ignore={d}/*" for d in app_domains()] + ["--ignore=static/*", "--ignore=locale/*"]
        else:
            cwd = ROOT / domain
            ignore = ["--ignore=migrations/*", "--ignore=static/*"]
        (cwd / "locale").mkdir(exist_ok=True)
        cmd = [sys.executable, "-P", "-m", "django", "makemessages", "-l", LANG, "--no-obsolete", "--no-location",
               "-e", "html,txt,py", *ignore]
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)  # -P: core/calendar.py must not shadow the stdlib
        written.append(cwd / "locale" / LANG / "LC_MESSAGES" / "django.po")
    return written


def missing(files: list[Path] | None = None) -> list[tuple[Path, str]]:
    out = []
    for path in files or po_files():
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not (entry.msgstr or all(entry.msgstr_plural.values() or [""])):
                out.append((path, entry.msgid))
    return out


def compile_all() -> list[Path]:
    out = []
    for path in po_files():
        po = polib.pofile(str(path))
        mo = path.with_suffix(".mo")
        po.save_as_mofile(str(mo))
        out.append(mo)
    return out


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "missing"
    if cmd == "extract":
        for p in extract(argv[1:] or None):
            print(p.relative_to(ROOT))
    elif cmd == "missing":
        rows = missing()
        for path, msgid in rows:
            print(f"{path.relative_to(ROOT)}: {msgid!r}")
        return 1 if rows else 0
    elif cmd == "compile":
        for p in compile_all():
            print(p.relative_to(ROOT))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
