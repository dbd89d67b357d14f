from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "sifa.legalaid"
    label = "legalaid"
    verbose_name = _("Legal aid")

    def ready(self) -> None:
        from sifa.core import imports as core_imports
        from sifa.core import navigation, roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)
        from .imports import IMPORTER
        from .selectors import work_for

        navigation.register(navigation.NavItem("legalaid", _("Legal aid"), "legalaid:list",
                                               "legalaid.view_legalaidcase", order=40), work_for)
        view = ("legalaid.view_legalaidcase", "legalaid.view_consultation", "legalaid.view_hardshipcheck",
                "legalaid.view_progressreport", "legalaid.view_objection", "legalaid.view_hardshipstandard")
        work = ("legalaid.add_legalaidcase", "legalaid.change_legalaidcase", "legalaid.handle_legalaidcase",
                "legalaid.add_consultation", "legalaid.change_consultation", "legalaid.add_hardshipcheck",
                "legalaid.add_progressreport")
        roles.grant("legal_aid_staff", *view, *work, "legalaid.change_hardshipstandard",
                    "legalaid.add_hardshipstandard")
        # objections go to the justice bureau that set up the centre (第四十九条): its leader decides them
        roles.grant("bureau_leader", *view, "legalaid.decide_objection")
        core_imports.register(IMPORTER)
