from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line (core.lines.Line.report_phrasing): the seed names the
# mechanism only ("建立人民监督员二级抽选三方对接机制"); the figures below are what the records hold.
PHRASING = (
    "{months}，新选任人民监督员{{{{ supervisors.selected }}}}名；根据区检察院邀请，运用二级抽选三方对接机制随机抽选"
    "{{{{ supervisors.draws }}}}次，完成监督活动{{{{ supervisors.served }}}}件，人民监督员参加监督活动"
    "{{{{ supervisors.participation }}}}人次。"
)


class SupervisorsConfig(AppConfig):
    name = "sifa.supervisors"
    label = "supervisors"
    verbose_name = _("People's supervisors")
    line = Line(
        key="supervisors", label=_("People's supervisors"), url_prefix="supervisors/",
        nav=NavItem("supervisors", _("People's supervisors"), "supervisors:list", "supervisors.view_drawrequest",
                    order=110),
        work="sifa.supervisors.selectors.work_for", importer="sifa.supervisors.imports.IMPORTER",
        demo="sifa.supervisors.demo.load", demo_order=110,
        api="sifa.supervisors.api.router", access="sifa.supervisors.access.MATRIX", report_phrasing=PHRASING)

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        view = ("supervisors.view_drawrequest", "supervisors.view_supervisor", "supervisors.view_seat",
                "supervisors.view_term", "supervisors.view_training", "supervisors.view_assessment")
        work = ("supervisors.add_drawrequest", "supervisors.change_drawrequest", "supervisors.handle_drawrequest",
                "supervisors.add_supervisor", "supervisors.change_supervisor", "supervisors.manage_pool")
        roles.declare("supervisors_staff", _("People's-supervisor staff"), *view, *work)
        roles.grant("bureau_leader", *view)
