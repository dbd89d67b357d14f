"""What of a registered inspection may be corrected (更正), declared for core.corrections: the campaign, the kind,
the inspected unit, the day of the inspection and its summary; the unit and the day are fixed once the report is
issued (the report and the rectification notice name them, and the report's date may not precede the day)."""

from django.utils.translation import gettext_lazy as _

from sifa.core import corrections

from .models import Inspection


def _reported(insp: Inspection):
    if insp.reported_on:
        return _("The report has been issued naming it: it can no longer be corrected.")
    return None


corrections.register(
    Inspection,
    fields=("campaign", "kind", "inspected", "visited_on", "summary"),
    locked={"inspected": _reported, "visited_on": _reported},
)
