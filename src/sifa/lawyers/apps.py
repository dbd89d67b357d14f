from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = ("{months}，共办理律师行业行政许可{{{{ lawyers.licensing }}}}件，办理律师投诉{{{{ lawyers.complaints }}}}件。")


class LawyersConfig(AppConfig):
    name = "sifa.lawyers"
    label = "lawyers"
    verbose_name = _("Lawyers")
    line = Line(
        key="lawyers", label=_("Lawyers"), url_prefix="lawyers/",
        nav=NavItem("lawyers", _("Lawyers"), "lawyers:list", "lawyers.view_licensingmatter", order=50),
        work="sifa.lawyers.selectors.work_for", demo="sifa.lawyers.demo.load", demo_order=50,
        report_phrasing=PHRASING, access="sifa.lawyers.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics, workflow  # noqa: F401  (register the clock rules, the metric set, the kit)

        view = ("lawyers.view_licensingmatter", "lawyers.view_lawyercomplaint", "lawyers.view_lawfirm",
                "lawyers.view_lawyer")
        work = ("lawyers.add_licensingmatter", "lawyers.change_licensingmatter", "lawyers.handle_licensingmatter",
                "lawyers.add_lawyercomplaint", "lawyers.change_lawyercomplaint", "lawyers.handle_lawyercomplaint",
                "lawyers.add_lawfirm", "lawyers.change_lawfirm", "lawyers.add_lawyer", "lawyers.change_lawyer")
        roles.grant("profession_supervisor", *view, *work)
        roles.grant("bureau_leader", *view)
