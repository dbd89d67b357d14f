from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{months}，共受理公证{{{{ notary.accepted }}}}件，其中民事类公证占{{{{ notary.civil_share }}}}%；"
    "受理线上“一次都不跑”公证申请{{{{ notary.online }}}}件。"
)


class NotaryConfig(AppConfig):
    name = "sifa.notary"
    label = "notary"
    verbose_name = _("Notarisation")
    line = Line(
        key="notary", label=_("Notarisation"), url_prefix="notary/",
        nav=NavItem("notary", _("Notarisation"), "notary:list", "notary.view_notarisation", order=45),
        work="sifa.notary.selectors.work_for", importer="sifa.notary.imports.IMPORTER",
        demo="sifa.notary.demo.load", demo_order=45, portal="sifa.notary.portal.SERVICE",
        report_phrasing=PHRASING, access="sifa.notary.access.MATRIX", api="sifa.notary.api.router")

    def ready(self) -> None:
        from sifa.core import imports, roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)
        from .imports import MONTHLY_IMPORTER

        imports.register(MONTHLY_IMPORTER)

        roles.grant("notary_staff", "notary.view_notarisation", "notary.add_notarisation",
                    "notary.change_notarisation", "notary.handle_notarisation")
        roles.grant("bureau_leader", "notary.view_notarisation")
        # the head of the notary office (公证机构负责人) approves a refusal the notary reports (DOMAIN-2 §6)
        roles.declare("notary_head", _("Notary-office head"), "notary.view_notarisation",
                      "notary.approve_notarisation_refusal")
