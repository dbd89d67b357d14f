from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem


class SupervisorsConfig(AppConfig):
    name = "sifa.supervisors"
    label = "supervisors"
    verbose_name = _("People's supervisors")
    line = Line(
        key="supervisors", label=_("People's supervisors"), url_prefix="supervisors/",
        nav=NavItem("supervisors", _("People's supervisors"), "supervisors:list", "supervisors.view_drawrequest",
                    order=110),
        work="sifa.supervisors.selectors.work_for", demo="sifa.supervisors.demo.load", demo_order=110,
        api="sifa.supervisors.api.router", access="sifa.supervisors.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        view = ("supervisors.view_drawrequest", "supervisors.view_supervisor", "supervisors.view_seat",
                "supervisors.view_term", "supervisors.view_training", "supervisors.view_assessment")
        work = ("supervisors.add_drawrequest", "supervisors.change_drawrequest", "supervisors.handle_drawrequest",
                "supervisors.add_supervisor", "supervisors.change_supervisor", "supervisors.manage_pool")
        roles.declare("supervisors_staff", _("People's-supervisor staff"), *view, *work)
        roles.grant("bureau_leader", *view)
