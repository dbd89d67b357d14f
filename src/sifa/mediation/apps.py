from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "sifa.mediation"
    label = "mediation"
    verbose_name = _("Dispute resolution")

    def ready(self):
        from sifa.core import imports as core_imports
        from sifa.core import navigation, roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)
        from .imports import IMPORTER
        from .views import my_work

        navigation.register(navigation.NavItem("mediation", _("Dispute resolution"), "mediation:list",
                                               "mediation.view_dispute", order=30), my_work)
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
        core_imports.register(IMPORTER)
