"""The header search's answer for mediation (core.search)."""

from django.utils.translation import gettext as _

from sifa.core.search import Hit, Query, case_hits

from .models import Dispute


def search(user, query: Query) -> list[Hit]:
    return case_hits(user, Dispute, query, kind=_("Dispute"), parties="dispute_parties__party")
