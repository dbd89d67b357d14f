from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem


class PublicityConfig(AppConfig):
    name = "sifa.publicity"
    label = "publicity"
    verbose_name = _("Legal publicity")
    line = Line(
        key="publicity", label=_("Legal publicity"), url_prefix="publicity/",
        nav=NavItem("publicity", _("Legal publicity"), "publicity:list", "publicity.view_activity", order=65),
        work="sifa.publicity.selectors.work_for", importer="sifa.publicity.imports.IMPORTER", demo="sifa.publicity.demo.load", demo_order=65,
        access="sifa.publicity.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import metrics  # noqa: F401  (register the metric set)

        models = ("responsibility", "activity", "contestentry", "project")
        view = tuple(f"publicity.view_{m}" for m in models)
        work = tuple(f"publicity.{a}_{m}" for m in models for a in ("add", "change"))
        roles.grant("rule_of_law_staff", *view, *work)
        roles.grant("bureau_leader", *view)
