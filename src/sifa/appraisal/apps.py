from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = ("{months}，全区司法鉴定机构累计受理鉴定委托事项{{{{ appraisal.commissions }}}}件，处理投诉"
            "{{{{ appraisal.complaints }}}}件，办结率{{{{ appraisal.complaints_concluded_rate }}}}%，回复率"
            "{{{{ appraisal.complaints_answered_rate }}}}%，出具整改建议书{{{{ appraisal.proposals }}}}份。")


class AppraisalConfig(AppConfig):
    name = "sifa.appraisal"
    label = "appraisal"
    verbose_name = _("Forensic appraisal")
    line = Line(
        key="appraisal", label=_("Forensic appraisal"), url_prefix="appraisal/",
        nav=NavItem("appraisal", _("Forensic appraisal"), "appraisal:list", "appraisal.view_appraisalinstitution",
                    order=60),
        work="sifa.appraisal.selectors.work_for", importer="sifa.appraisal.imports.IMPORTER",
        demo="sifa.appraisal.demo.load", demo_order=60, report_phrasing=PHRASING, access="sifa.appraisal.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics, workflow  # noqa: F401  (register the clock rules, the metric set, the kit)

        view = ("appraisal.view_appraisalinstitution", "appraisal.view_appraiser", "appraisal.view_commissionreport",
                "appraisal.view_appraisalcomplaint", "appraisal.view_rectificationproposal",
                "appraisal.view_creditgrade", "appraisal.view_patrolwarning")
        work = ("appraisal.add_commissionreport", "appraisal.add_appraisalcomplaint",
                "appraisal.change_appraisalcomplaint", "appraisal.handle_appraisalcomplaint",
                "appraisal.add_rectificationproposal", "appraisal.change_rectificationproposal",
                "appraisal.handle_rectificationproposal", "appraisal.add_creditgrade",
                "appraisal.change_appraisalinstitution", "appraisal.change_appraiser",
                "appraisal.add_patrolwarning", "appraisal.change_patrolwarning")
        roles.grant("profession_supervisor", *view, *work)
        roles.grant("bureau_leader", *view)
