"""The line registry (core.lines): a business line is named only inside its own app. Adding one touches nothing
outside it but INSTALLED_APPS (docs/new-line.md)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from sifa.core import imports as core_imports
from sifa.core import lines, navigation
from sifa.core.authorisation import matrix
from sifa.demo import parts

SRC = Path(__file__).resolve().parents[2] / "src" / "sifa"
SKIP_DIRS = {"migrations", "locale", "__pycache__", "static"}
THREE = ["reconsideration", "litigation", "mediation", "legalaid", "lawyers", "appraisal", "notary",
         "enforcement", "supervisors", "petitions", "correction", "governance", "publicity"]  # the installed lines, in INSTALLED_APPS order
# the order their demos load (Line.demo_order): a line whose demo reads another's records loads after it
DEMO_ORDER = ["reconsideration", "litigation", "mediation", "legalaid", "notary", "lawyers", "enforcement", "appraisal",
              "governance", "publicity", "correction", "supervisors", "petitions"]


def _files_outside(app_dir: Path):
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in {".py", ".html"} or SKIP_DIRS & set(path.relative_to(SRC).parts):
            continue
        if path.is_relative_to(app_dir):
            continue
        yield path


def _names_of(key: str) -> re.Pattern:
    """An import or dotted path of the line's app (sifa.<key>, sifa/<key>) or one of its URL names ('<key>:…')."""
    return re.compile(rf"\bsifa[./]{key}\b|[\"']{key}:[a-z_]+")


def _without_installed_apps(text: str) -> str:
    return re.sub(r"INSTALLED_APPS\s*=\s*\[.*?\]", "", text, flags=re.S)


@pytest.mark.parametrize("key", [line.key for line in lines.all()])
def test_a_line_is_named_nowhere_outside_its_app(key):
    line = lines.get(key)
    app_dir = SRC / line.app.removeprefix("sifa.").replace(".", "/")
    pattern = _names_of(key)
    found = []
    for path in _files_outside(app_dir):
        text = path.read_text(encoding="utf-8")
        if path.name == "settings.py":
            text = _without_installed_apps(text)
        found += [f"{path.relative_to(SRC)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
                  for m in pattern.finditer(text)]
    assert not found, f"the line {key} is named outside src/sifa/{key}/ (find it through core.lines):\n" + \
        "\n".join(found)


def test_the_rule_would_see_an_import_and_a_url_name():
    pattern = _names_of("notary")
    assert pattern.search("from sifa.notary import services")
    assert pattern.search("{% url 'notary:list' %}")
    assert not pattern.search("notary.received")  # a metric key is a figure, found through core.metrics


def test_the_registry_lists_the_three_lines_in_the_order_of_installed_apps():
    assert [line.key for line in lines.all()] == THREE
    assert [line.app for line in lines.all()] == [f"sifa.{k}" for k in THREE]


@pytest.mark.parametrize("key, prefix", [(k, f"/{k}/") for k in THREE])
def test_each_line_has_its_urls_under_its_prefix_and_its_menu_entry(key, prefix):
    line = lines.get(key)
    assert line.url_prefix == prefix.lstrip("/")
    assert reverse(f"{key}:list") == prefix
    assert line.nav is not None and reverse(line.nav.url_name).startswith(prefix)
    assert navigation._NAV[key] == line.nav  # registered by core at start-up
    assert callable(navigation._WORK[key])
    assert any(k.startswith(f"{key}:") for k in matrix())  # who may open its pages, from its access.py


def test_a_line_without_a_declaration_has_no_urls():
    with pytest.raises(NoReverseMatch):
        reverse("nosuchline:list")


def test_the_demo_loads_each_line_in_its_declared_order_then_the_report():
    loaders = lines.demo_loaders()
    assert [line.key for line, _load in loaders] == DEMO_ORDER
    assert [line.demo_order for line, _load in loaders] == sorted(line.demo_order for line, _load in loaders)
    assert all(load.__module__ == f"{line.app}.demo" and load.__name__ == "load" for line, load in loaders)
    assert [name for name, _part in parts.parts()] == [*DEMO_ORDER, "reports"]


def test_importers_online_services_bulletin_and_phrasing_come_from_the_declarations():
    declared = [line.load("importer") for line in lines.all() if line.importer]
    assert [imp.kind for imp in declared] == ["applications", "disputes", "consultations", "appraisal_reports",
                                              "notarisations", "officers", "supervisors", "orders", "learning",
                                              "governance_tasks", "online_views"]
    assert all(imp in core_imports.importers() for imp in declared)  # registered by core at start-up
    assert [s.key for s in lines.online_services()] == ["reconsideration", "legalaid", "notary"]
    assert [line.key for line in lines.all() if line.bulletin] == ["reconsideration", "litigation"]
    assert all("{{ " + line.key + "." in line.report_phrasing.replace("{{{{", "{{") for line in lines.all())


@pytest.mark.django_db
def test_the_district_values_are_data_the_demo_district_sets(district):
    from sifa.core import district as values
    from sifa.core.models import DistrictSetting

    assert values.unit("reconsideration.office").code == "PT-SFJ-FY"
    assert values.value("litigation.city_government") == "上海市人民政府"
    DistrictSetting.objects.filter(key="litigation.city_government").update(value="某市人民政府")
    assert values.value("litigation.city_government") == "某市人民政府"
    DistrictSetting.objects.filter(key="reconsideration.office").delete()
    assert values.unit("reconsideration.office") is None
    assert values.value("no.such.key") == ""


def test_sifa_demo_only_loads_the_parts_named(db, district):
    assert parts.load(district["units"], StringIO(), only=["nothing"]) == []
