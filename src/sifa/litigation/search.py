"""The header search's answer for litigation response (core.search)."""

from django.utils.translation import gettext as _

from sifa.core.search import Hit, Query, case_hits

from .models import Suit


def search(user, query: Query) -> list[Hit]:
    return case_hits(user, Suit, query, kind=_("Administrative suit"), parties="plaintiffs",
                     fields=("court_case_number",), date_field="received_on")
