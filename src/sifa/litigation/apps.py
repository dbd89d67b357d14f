from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitigationConfig(AppConfig):
    name = "sifa.litigation"
    label = "litigation"
    verbose_name = _("Administrative litigation response")

    def ready(self):
        from sifa.core import navigation, roles

        from . import clocks, metrics  # noqa: F401  (registers the rules and the metric set)
        from .selectors import work_for

        navigation.register(navigation.NavItem("litigation", _("Litigation response"), "litigation:list",
                                                "litigation.view_suit", order=20), work_for)
        models = ("suit", "hearing", "decision", "coordination", "judicialsuggestion", "cityreconsideration",
                  "session")
        everything = [f"litigation.{a}_{m}" for m in models for a in ("view", "add", "change")]
        viewing = [f"litigation.view_{m}" for m in models]
        roles.grant("case_handler", *everything)
        roles.grant("division_head", *everything, "litigation.view_outcometype", "litigation.change_outcometype",
                    "litigation.view_suggestionkind", "litigation.change_suggestionkind")
        roles.grant("bureau_leader", *viewing)
