from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line (core.lines.Line); the seed's own sentences of （九） carry
# the same placeholders (sifa.demo.reports).
PHRASING = (
    "{months}，开展社区矫正专题教育{{{{ correction.thematic_sessions }}}}场次、个别教育{{{{ correction.individual_education }}}}"
    "人次、公益活动{{{{ correction.public_welfare }}}}场，累计参加在线学习{{{{ correction.learning_hours:0 }}}}小时，开展个别心理"
    "咨询{{{{ correction.counselling }}}}人次；脱管{{{{ correction.out_of_supervision }}}}人次，漏管{{{{ correction.missed_intake }}}}人。"
)


class CorrectionConfig(AppConfig):
    name = "sifa.correction"
    label = "correction"
    verbose_name = _("Community correction")
    line = Line(
        key="correction", label=_("Community correction"), url_prefix="correction/",
        nav=NavItem("correction", _("Community correction"), "correction:list", "correction.view_supervisee",
                    order=80),
        work="sifa.correction.selectors.work_for", importer="sifa.correction.imports.IMPORTER",
        demo="sifa.correction.demo.load", demo_order=80, report_phrasing=PHRASING,
        api="sifa.correction.api.router", access="sifa.correction.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        roles.grant("correction_officer",
                    "correction.view_supervisee", "correction.add_supervisee", "correction.change_supervisee",
                    "correction.supervise_supervisee", "correction.view_session", "correction.add_session",
                    "correction.view_release", "correction.add_release", "correction.change_release",
                    "correction.hand_over_release", "correction.view_learningrecord",
                    "correction.add_learningrecord", "correction.view_assessment", "correction.add_assessment",
                    "correction.change_assessment")
