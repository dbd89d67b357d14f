from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，全区各级人民调解组织共受理各类矛盾纠纷{{{{ mediation.accepted }}}}起，调解成功"
    "{{{{ mediation.successful }}}}起，调解成功率{{{{ mediation.success_rate }}}}%。各街镇“靠谱解纷中心”通过联合接待"
    "受理各类矛盾纠纷{{{{ mediation.centre_accepted }}}}件，调解成功{{{{ mediation.centre_successful }}}}件。累计启动"
    "诉前调解{{{{ mediation.prelitigation_started }}}}件，调解成功{{{{ mediation.prelitigation_successful }}}}件；"
    "开展拉网式、兜底式排查{{{{ mediation.campaigns }}}}次。"
)


class MediationConfig(AppConfig):
    name = "sifa.mediation"
    label = "mediation"
    verbose_name = _("Dispute resolution")
    line = Line(
        key="mediation", label=_("Dispute resolution"), url_prefix="mediation/",
        nav=NavItem("mediation", _("Dispute resolution"), "mediation:list", "mediation.view_dispute", order=30),
        work="sifa.mediation.views.my_work", importer="sifa.mediation.imports.IMPORTER",
        demo="sifa.mediation.demo.load", demo_order=30, report_phrasing=PHRASING,
        access="sifa.mediation.access.MATRIX")

    def ready(self):
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        models = ["dispute", "reception", "campaign", "excellentcase", "mediator", "mediatortraining",
                  "centreagency"]
        view = [f"mediation.view_{m}" for m in models]
        work = [f"mediation.{a}_{m}" for m in models for a in ("add", "change")]
        # mediators and justice-office staff compile their own committee's monthly figures
        roles.grant("mediator", *view, *work, "mediation.view_mediation_statistics")
        roles.grant("office_staff", *view, *work, "mediation.view_mediation_statistics")
        roles.grant("division_head", *view, *work, "mediation.view_mediation_statistics")
        roles.grant("bureau_leader", *view, "mediation.view_mediation_statistics")
        roles.grant("statistics_viewer", "mediation.view_mediation_statistics")
