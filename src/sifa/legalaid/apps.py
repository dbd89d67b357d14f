from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，法援中心共办理法律援助案件{{{{ legalaid.cases }}}}件，接待来访咨询群众{{{{ legalaid.walk_in }}}}人，"
    "接答“12348”法律咨询专线电话{{{{ legalaid.calls_12348 }}}}个。"
)


class LegalAidConfig(AppConfig):
    name = "sifa.legalaid"
    label = "legalaid"
    verbose_name = _("Legal aid")
    line = Line(
        key="legalaid", label=_("Legal aid"), url_prefix="legalaid/",
        nav=NavItem("legalaid", _("Legal aid"), "legalaid:list", "legalaid.view_legalaidcase", order=40),
        work="sifa.legalaid.selectors.work_for", importer="sifa.legalaid.imports.IMPORTER",
        demo="sifa.legalaid.demo.load", demo_order=40, report_phrasing=PHRASING,
        portal="sifa.legalaid.portal.SERVICE", api="sifa.legalaid.api.router", access="sifa.legalaid.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        view = ("legalaid.view_legalaidcase", "legalaid.view_consultation", "legalaid.view_hardshipcheck",
                "legalaid.view_progressreport", "legalaid.view_objection", "legalaid.view_hardshipstandard",
                "legalaid.view_rosterlawyer", "legalaid.view_declaredconflict", "legalaid.view_evaluation",
                "legalaid.view_subsidyrate", "legalaid.view_evaluationsheet", "legalaid.view_material",
                "legalaid.view_dutyshift", "legalaid.view_dutyhelp")
        work = ("legalaid.add_legalaidcase", "legalaid.change_legalaidcase", "legalaid.handle_legalaidcase",
                "legalaid.add_consultation", "legalaid.change_consultation", "legalaid.add_hardshipcheck",
                "legalaid.add_progressreport", "legalaid.add_material", "legalaid.add_dutyshift",
                "legalaid.change_dutyshift", "legalaid.delete_dutyshift", "legalaid.add_dutyhelp")
        roles.grant("legal_aid_staff", *view, *work, "legalaid.change_hardshipstandard",
                    "legalaid.add_hardshipstandard", "legalaid.add_rosterlawyer", "legalaid.change_rosterlawyer",
                    "legalaid.add_declaredconflict", "legalaid.change_declaredconflict",
                    "legalaid.delete_declaredconflict")
        # objections go to the justice bureau that set up the centre (第四十九条): its leader decides them
        roles.grant("bureau_leader", *view, "legalaid.decide_objection")
