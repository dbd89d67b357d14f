"""The header search's answer for reconsideration (core.search)."""

from django.utils.translation import gettext as _

from sifa.core.search import Hit, Query, case_hits

from .models import Application


def search(user, query: Query) -> list[Hit]:
    return case_hits(user, Application, query, kind=_("Reconsideration application"), parties="parties__party",
                     fields=("receipt_number", "act_number"), date_field="received_on")
