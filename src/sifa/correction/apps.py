from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's figures of this line are in the seed's sentences of （九）, with placeholders
# (sifa.demo.reports); the plain list of figures is the default phrasing.


class CorrectionConfig(AppConfig):
    name = "sifa.correction"
    label = "correction"
    verbose_name = _("Community correction")
    line = Line(
        key="correction", label=_("Community correction"), url_prefix="correction/",
        nav=NavItem("correction", _("Community correction"), "correction:list", "correction.view_supervisee",
                    order=80),
        work="sifa.correction.selectors.work_for", importer="sifa.correction.imports.IMPORTER",
        demo="sifa.correction.demo.load", demo_order=80, access="sifa.correction.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        roles.grant("correction_officer",
                    "correction.view_supervisee", "correction.add_supervisee", "correction.change_supervisee",
                    "correction.supervise_supervisee", "correction.view_session", "correction.add_session",
                    "correction.view_release", "correction.add_release", "correction.change_release",
                    "correction.hand_over_release", "correction.view_learningrecord",
                    "correction.add_learningrecord")
