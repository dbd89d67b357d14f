from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，共审核各单位执法证办理申请{{{{ enforcement.applications_reviewed }}}}件，发放执法证"
    "{{{{ enforcement.certificates_issued }}}}张；抽取{{{{ enforcement.agencies_evaluated }}}}家执法单位行政处罚案卷进行评查；"
    "安排区政府法律顾问工作事项{{{{ enforcement.adviser_work_items }}}}件，审核区政府各类协议"
    "{{{{ enforcement.agreements_reviewed }}}}件。"
)


class EnforcementConfig(AppConfig):
    name = "sifa.enforcement"
    label = "enforcement"
    verbose_name = _("Enforcement supervision")
    line = Line(
        key="enforcement", label=_("Enforcement supervision"), url_prefix="enforcement/",
        nav=NavItem("enforcement", _("Enforcement supervision"), "enforcement:list",
                    "enforcement.view_certificateapplication", order=50),
        work="sifa.enforcement.selectors.work_for", importer="sifa.enforcement.imports.IMPORTER",
        demo="sifa.enforcement.demo.load", demo_order=50, report_phrasing=PHRASING, access="sifa.enforcement.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        models = ("certificateapplication", "officer", "evaluationcampaign", "evaluatedfile", "rectification",
                  "adviserworkitem", "agreementreview", "legalityreview", "normativefiling")
        view = tuple(f"enforcement.view_{m}" for m in models)
        work = (*(f"enforcement.add_{m}" for m in models), *(f"enforcement.change_{m}" for m in models),
                "enforcement.review_certificateapplication")
        # the supervision division's handlers and head do the work; the leader sees it
        roles.grant("case_handler", *view, *work)
        roles.grant("division_head", *view, *work)
        roles.grant("bureau_leader", *view)
        # the scoring sheets: read by all of them, kept by the division head
        roles.grant("case_handler", "enforcement.view_scoringsheet")
        roles.grant("bureau_leader", "enforcement.view_scoringsheet")
        roles.grant("division_head", "enforcement.view_scoringsheet", "enforcement.add_scoringsheet",
                    "enforcement.change_scoringsheet")
