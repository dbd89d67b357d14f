from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "sifa.reconsideration"
    label = "reconsideration"
    verbose_name = _("Administrative reconsideration")

    def ready(self) -> None:
        from sifa.core import imports as core_imports
        from sifa.core import navigation, roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)
        from .imports import IMPORTER
        from .selectors import work_for

        navigation.register(navigation.NavItem("reconsideration", _("Reconsideration"), "reconsideration:list",
                                               "reconsideration.view_application", order=10), work_for)
        view = ("reconsideration.view_application", "reconsideration.view_committeemeeting",
                "reconsideration.view_hearing")
        handle = (*view, "reconsideration.add_application", "reconsideration.change_application",
                  "reconsideration.handle_application", "reconsideration.add_committeemeeting",
                  "reconsideration.change_committeemeeting")
        roles.grant("case_handler", *handle)
        roles.grant("division_head", *handle, "reconsideration.approve_application",
                    "reconsideration.view_subjectarea", "reconsideration.add_subjectarea",
                    "reconsideration.change_subjectarea", "reconsideration.view_committeemember",
                    "reconsideration.add_committeemember", "reconsideration.change_committeemember")
        roles.grant("bureau_leader", *view)
        core_imports.register(IMPORTER)
