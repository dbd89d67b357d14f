from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sifa.reports"
    label = "reports"
    verbose_name = _("Statistics and reports")

    def ready(self):
        from sifa.core import navigation, roles

        navigation.register(navigation.NavItem("reports", _("Statistics and reports"), "reports:index",
                                               "core.view_statistics", order=900))
        report_perms = ("reports.view_annualreport", "reports.view_reportsection")
        edit_perms = ("reports.change_reportsection", "reports.add_reportsection", "reports.delete_reportsection")
        roles.grant("bureau_leader", *report_perms, *edit_perms, "reports.add_annualreport",
                    "reports.change_annualreport", "reports.manage_templates")
        roles.grant("division_head", *report_perms, *edit_perms)
        roles.grant("statistics_viewer", *report_perms)
        roles.grant("system_admin", "reports.manage_templates")
