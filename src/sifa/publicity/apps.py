from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，推出{{{{ publicity.open_classes }}}}期普法公开课，比赛收集作品{{{{ publicity.contest_entries }}}}件、"
    "评选出奖项{{{{ publicity.contest_prizes }}}}件，线上宣传浏览量累计{{{{ publicity.online_views }}}}次。"
)


class PublicityConfig(AppConfig):
    name = "sifa.publicity"
    label = "publicity"
    verbose_name = _("Legal publicity")
    line = Line(
        key="publicity", label=_("Legal publicity"), url_prefix="publicity/",
        nav=NavItem("publicity", _("Legal publicity"), "publicity:list", "publicity.view_activity", order=65),
        work="sifa.publicity.selectors.work_for", importer="sifa.publicity.imports.IMPORTER",
        demo="sifa.publicity.demo.load", demo_order=65, report_phrasing=PHRASING,
        access="sifa.publicity.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import metrics  # noqa: F401  (register the metric set)

        models = ("responsibility", "activity", "contestentry", "project", "studylist", "studysession")
        view = tuple(f"publicity.view_{m}" for m in models)
        work = tuple(f"publicity.{a}_{m}" for m in models for a in ("add", "change"))
        roles.grant("rule_of_law_staff", *view, *work)
        roles.grant("bureau_leader", *view)
