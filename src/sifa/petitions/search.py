"""The header search's answer for petitions and 12345 work orders (core.search): by number, work order number,
subject, part of the petitioner's name, or the keyed hash of the petitioner's whole ID or mobile number."""

from django.utils.translation import gettext as _

from sifa.core.search import Hit, Query, case_hits

from .models import Petition


def search(user, query: Query) -> list[Hit]:
    return case_hits(user, Petition, query, kind=_("Petition or work order"), parties="petitioner",
                     fields=("external_id", "subject"), date_field="received_on")
