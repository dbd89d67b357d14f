"""Translation catalogs: extract, list what is untranslated, compile (with polib; the .mo files are committed).

    python -m sifa.i18n_tools extract [DOMAIN ...]   # refresh .po files from the code (needs GNU gettext)
    python -m sifa.i18n_tools missing                # list msgids without a Chinese translation
    python -m sifa.i18n_tools compile                # write the .mo files
    python -m sifa.i18n_tools collisions             # msgids two catalogs translate differently
    python -m sifa.i18n_tools align                  # give every catalog the translation that wins

Django merges every catalog into one: the project's (LOCALE_PATHS) wins over the apps', and an app listed earlier
in INSTALLED_APPS wins over a later one. A msgid two catalogs translate differently therefore shows the winner's
words in every line's pages (litigation's "Challenged act" read 被申请复议的行政行为, reconsideration's). Where
the meanings differ, the later line gives its string a context (pgettext) or another msgid; where they are only
two wordings of one meaning, `align` writes the winning wording into the other catalogs. The i18n test fails on
any collision left.

A domain is an app folder under src/sifa with its own locale/ (core, reconsideration, ...), or "project"
for src/sifa/templates and the project modules, whose catalog is src/sifa/locale. Third-party apps whose
Chinese catalog is missing or only zh_CN get theirs under src/sifa/locale/vendor/<app>/ (see settings).

Extraction works on a staging folder of symlinks to the domain's sources, so the project domain does not pick
up (or lose) templates by folder name, and the i18n test can extract into a temporary copy (`out_root`)
without touching the committed catalogs.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent
LANG = "zh_Hans"
CATALOG = Path("locale") / LANG / "LC_MESSAGES" / "django.po"
PROJECT_FILES = ["templates", "settings.py", "urls.py", "i18n_tools.py"]
SKIP = {"locale", "migrations", "static", "tests", "__pycache__"}
VENDOR = ROOT / "locale" / "vendor"
# Third-party apps whose strings users see and which ship no zh_Hans catalog (axes: none at all;
# django-tasks-db: none).
VENDOR_APPS = ["axes", "django_tasks_db"]


def app_domains() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and (p / "apps.py").exists())


def vendor_paths() -> list[Path]:
    """The locale folders of the third-party catalogs (one per app), for settings.LOCALE_PATHS."""
    return [VENDOR / app for app in VENDOR_APPS]


def all_domains() -> list[str]:
    return ["project", *app_domains(), *(f"vendor:{app}" for app in VENDOR_APPS)]


def po_files() -> list[Path]:
    return sorted(ROOT.glob(f"**/locale/{LANG}/LC_MESSAGES/django.po")) + [
        p / LANG / "LC_MESSAGES" / "django.po" for p in vendor_paths() if (p / LANG).exists()]


def domain_dir(domain: str) -> Path:
    if domain.startswith("vendor:"):
        return Path(importlib.util.find_spec(domain.removeprefix("vendor:")).origin).parent
    return ROOT if domain == "project" else ROOT / domain


def catalog_path(domain: str) -> Path:
    if domain.startswith("vendor:"):
        return VENDOR / domain.removeprefix("vendor:") / LANG / "LC_MESSAGES" / "django.po"
    return domain_dir(domain) / CATALOG


def _sources(domain: str) -> list[Path]:
    if domain == "project":
        return [ROOT / name for name in PROJECT_FILES if (ROOT / name).exists()]
    return sorted(p for p in domain_dir(domain).iterdir() if p.name not in SKIP and not p.name.startswith("."))


def _stage(domain: str, where: Path) -> Path:
    """A folder holding symlinks to the domain's sources and a copy of its current catalog."""
    stage = where / domain.replace(":", "-")
    stage.mkdir(parents=True)
    for src in _sources(domain):
        (stage / src.name).symlink_to(src)
    catalog = catalog_path(domain)
    (stage / CATALOG).parent.mkdir(parents=True)
    if catalog.exists():
        shutil.copyfile(catalog, stage / CATALOG)
    return stage


def extract(domains: list[str] | None = None, *, out_root: Path | None = None) -> list[Path]:
    """Re-extract each domain's catalog from the code, merged with its current translations.

    Without out_root the committed catalogs are rewritten; with it, the new catalogs are left in
    out_root/<domain>/locale/... and the committed ones are untouched. Returns the written .po paths
    (a domain without translatable strings has none).
    """
    domains = domains or all_domains()
    with tempfile.TemporaryDirectory(prefix="sifa-i18n-") as tmp:
        where = Path(out_root) if out_root is not None else Path(tmp)
        stages = [_stage(d, where) for d in domains]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sifa.settings"}
        # One process for all domains; -P: the staging folders must not shadow the stdlib (core/calendar.py).
        subprocess.run([sys.executable, "-P", "-m", "sifa.i18n_tools", "_makemessages", *map(str, stages)],
                       env=env, check=True, capture_output=True)
        written = []
        for domain, stage in zip(domains, stages, strict=True):
            if not (stage / CATALOG).exists():  # no translatable strings in this domain (yet)
                continue
            if out_root is None:
                target = catalog_path(domain)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(stage / CATALOG, target)
                written.append(target)
            else:
                written.append(stage / CATALOG)
        return written


def _makemessages(stages: list[str]) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    for stage in stages:
        os.chdir(stage)
        call_command("makemessages", locale=[LANG], no_obsolete=True, no_location=True, symlinks=True,
                     extensions=["html", "txt", "py"], verbosity=0)


def untranslated(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    return [e.msgid for e in po if not e.obsolete and ("fuzzy" in e.flags or not e.translated())]


def missing(files: list[Path] | None = None) -> list[tuple[Path, str]]:
    return [(path, msgid) for path in files or po_files() for msgid in untranslated(path)]


def stale_mo(files: list[Path] | None = None) -> list[Path]:
    """Catalogs whose committed .mo does not hold exactly the .po's translations."""
    out = []
    for path in files or po_files():
        mo = path.with_suffix(".mo")
        wanted = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(path))
                  if e.translated() and "fuzzy" not in e.flags}
        have = ({(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo)) if e.msgid}
                if mo.exists() else {})
        if have != wanted:
            out.append(path)
    return out


def precedence() -> list[str]:
    """The domains in the order their translations win (see the module's text)."""
    from sifa import settings

    mine = set(app_domains())
    apps = [name.removeprefix("sifa.") for name in settings.INSTALLED_APPS if name.startswith("sifa.")]
    return ["project", *[a for a in apps if a in mine], *sorted(mine - set(apps))]


def collisions() -> list[tuple[tuple[str | None, str], dict[str, str]]]:
    """Each (msgctxt, msgid) that two catalogs translate differently, with each domain's translation in the
    order they win (the first is what every page shows)."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for domain in precedence():
        path = catalog_path(domain)
        if not path.exists():
            continue
        for e in polib.pofile(str(path)):
            if not e.obsolete and e.msgstr and "fuzzy" not in e.flags:
                seen.setdefault((e.msgctxt, e.msgid), {})[domain] = e.msgstr
    return [(key, by) for key, by in seen.items() if len(set(by.values())) > 1]


def align() -> list[Path]:
    """Write the winning translation of every collision into the other catalogs (for wordings that mean the
    same; decide the others first, with a context)."""
    wins = {key: next(iter(by.values())) for key, by in collisions()}
    changed = []
    for domain in precedence():
        path = catalog_path(domain)
        if not path.exists():
            continue
        po = polib.pofile(str(path))
        touched = False
        for e in po:
            winner = wins.get((e.msgctxt, e.msgid))
            if winner is not None and e.msgstr != winner and not e.obsolete:
                e.msgstr, touched = winner, True
        if touched:
            po.save()
            changed.append(path)
    return changed


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
    elif cmd == "_makemessages":
        _makemessages(argv[1:])
    elif cmd == "missing":
        rows = missing()
        for path, msgid in rows:
            print(f"{path.relative_to(ROOT)}: {msgid!r}")
        return 1 if rows else 0
    elif cmd == "collisions":
        rows = collisions()
        for (ctx, msgid), by in rows:
            print(f"{msgid!r}" + (f" [{ctx}]" if ctx else "") + ": " + ", ".join(f"{d}={t}" for d, t in by.items()))
        return 1 if rows else 0
    elif cmd == "align":
        for p in align():
            print(p.relative_to(ROOT))
    elif cmd == "compile":
        for p in compile_all():
            print(p.relative_to(ROOT))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
