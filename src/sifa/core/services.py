"""Writers of the shared kernel's own records (parties, units)."""

from __future__ import annotations

from django.db import transaction

from . import audit
from .locking import save_versioned
from .models import Party


@transaction.atomic
def party_save(*, party: Party, by, id_number: str | None = None, phone: str | None = None,
               id_type: str | None = None, expected_version: int | None = None) -> Party:
    """Create or update a party; ID and phone numbers are encrypted here and never logged. An edit carries the
    version the user saw (`expected_version`): if someone else saved the party since, ConflictError."""
    created = party.pk is None
    if id_number is not None:
        party.set_id_number(id_number, id_type or party.id_type or "resident_id")
    if phone is not None:
        party.set_phone(phone)
    party.full_clean(exclude=["id_number_enc", "phone_enc"])
    save_versioned(party, expected_version=expected_version, by=by)
    audit.record(by, "party.created" if created else "party.changed", party, summary=party.name,
                 payload={"kind": party.kind, "id_number": party.id_number_masked, "phone": party.phone_masked})
    return party


@transaction.atomic
def party_reveal_id(*, party: Party, by) -> dict:
    """The whole ID and phone numbers of a party, for a user with the permission; the read is audited."""
    audit.record_read(by, "party.id_number.viewed", party, summary=party.name)
    return {"id_number": party.reveal_id_number(), "phone": party.reveal_phone()}
