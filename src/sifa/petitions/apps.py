from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph (core.lines.Line.report_phrasing); the seed has no figures for this line.
PHRASING = (
    "{months}，共接收本系统信访事项及“12345”市民服务热线工单{{{{ petitions.received }}}}件，其中热线工单"
    "{{{{ petitions.hotline_orders }}}}件；办结{{{{ petitions.answered }}}}件，按时办结率{{{{ petitions.on_time_rate }}}}%，"
    "回访满意率{{{{ petitions.satisfaction_rate }}}}%。"
)


class PetitionsConfig(AppConfig):
    name = "sifa.petitions"
    label = "petitions"
    verbose_name = _("Petitions and 12345")
    line = Line(
        key="petitions", label=_("Petitions and 12345"), url_prefix="petitions/",
        nav=NavItem("petitions", _("Petitions and 12345"), "petitions:list", "petitions.view_petition", order=120),
        work="sifa.petitions.selectors.work_for", importer="sifa.petitions.imports.IMPORTER",
        demo="sifa.petitions.demo.load", demo_order=120, api="sifa.petitions.api.router",
        access="sifa.petitions.access.MATRIX", report_phrasing=PHRASING)

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        view = ("petitions.view_petition", "petitions.view_routingrule")
        work = ("petitions.add_petition", "petitions.change_petition", "petitions.handle_petition")
        roles.declare("petitions_staff", _("Petitions staff"), *view, *work, "petitions.add_routingrule",
                      "petitions.change_routingrule", "core.view_party", "core.view_full_id_number")
        # the extension of 第三十四条 needs the head's approval: the bureau's leader
        roles.grant("bureau_leader", *view, "petitions.approve_extension")
