from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，到{{{{ governance.agencies_inspected }}}}家执法单位开展行政执法专项法治督察，"
    "{{{{ governance.topics_approved }}}}个依法治市调研课题被市委依法治市办立项，建立{{{{ governance.points }}}}家基层法治观察点，"
    "形成“{{{{ governance.points_grassroots }}}}+{{{{ governance.points_specialised }}}}”基层法治观察工作网络。"
)


class GovernanceConfig(AppConfig):
    name = "sifa.governance"
    label = "governance"
    verbose_name = _("Rule-of-law governance")
    line = Line(
        key="governance", label=_("Rule-of-law governance"), url_prefix="governance/",
        nav=NavItem("governance", _("Rule-of-law governance"), "governance:list", "governance.view_task", order=60),
        work="sifa.governance.selectors.work_for", importer="sifa.governance.imports.IMPORTER", demo="sifa.governance.demo.load", demo_order=60,
        report_phrasing=PHRASING,
        access="sifa.governance.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        models = ("task", "taskreport", "inspection", "finding", "observationpoint", "observer", "observation",
                  "researchtopic", "assessmentscheme", "indicator", "assessment", "score")
        view = tuple(f"governance.view_{m}" for m in models)
        work = tuple(f"governance.{a}_{m}" for m in models for a in ("add", "change"))
        roles.grant("rule_of_law_staff", *view, *work, "governance.report_task")
        roles.grant("bureau_leader", *view)
