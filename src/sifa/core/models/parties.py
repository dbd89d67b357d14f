"""Parties: natural persons and organisations, known to every line through `core`.

ID and phone numbers are stored SM4-encrypted with a keyed SM3 hash beside them for exact look-up; they
are never stored or logged in plain text. Set them with `set_id_number` / `set_phone`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import crypto
from ..locking import Versioned
from ..validators import parse_id_number, validate_mobile, validate_uscc
from .scoping import ScopedManager


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANISATION = "organisation", _("Organisation")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN = "taiwan", _("Mainland travel permit for Taiwan residents")
    FOREIGN_PR = "foreign_pr", _("Foreign permanent resident ID card")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Party(Versioned):
    """A person or organisation; edits are optimistically locked (`core.locking`)."""

    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    unit = models.ForeignKey("core.Unit", verbose_name=_("registered by"), on_delete=models.PROTECT,
                             related_name="parties")
    # natural persons
    id_type = models.CharField(_("ID type"), max_length=16, choices=IdType.choices, blank=True)
    id_number_enc = models.TextField(_("ID number (encrypted)"), blank=True, editable=False)
    id_number_hash = models.CharField(_("ID number look-up hash"), max_length=64, blank=True, db_index=True,
                                      editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=40, blank=True, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    phone_enc = models.TextField(_("phone (encrypted)"), blank=True, editable=False)
    phone_hash = models.CharField(_("phone look-up hash"), max_length=64, blank=True, db_index=True,
                                  editable=False)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # organisations
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(excluded_fields=["id_number_enc", "phone_enc", "id_number_hash", "phone_hash"])

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name", "pk"]
        permissions = [
            ("view_full_id_number", _("Can see whole ID and phone numbers")),
        ]

    def __str__(self) -> str:
        return self.name

    # --- personal data -------------------------------------------------------------------------------
    def set_id_number(self, value: str, id_type: str = IdType.RESIDENT_ID) -> None:
        value = (value or "").strip().upper()
        self.id_type = id_type if value else ""
        if not value:
            self.id_number_enc = self.id_number_hash = self.id_number_masked = ""
            return
        if id_type == IdType.RESIDENT_ID:
            self.birth_date, self.sex = parse_id_number(value)
        self.id_number_enc = crypto.encrypt(value)
        self.id_number_hash = crypto.lookup_hash(value)
        self.id_number_masked = crypto.mask_id_number(value)

    def set_phone(self, value: str) -> None:
        value = (value or "").strip()
        if not value:
            self.phone_enc = self.phone_hash = self.phone_masked = ""
            return
        validate_mobile(value)
        self.phone_enc = crypto.encrypt(value)
        self.phone_hash = crypto.lookup_hash(value)
        self.phone_masked = crypto.mask_phone(value)

    def reveal_id_number(self) -> str:
        """The whole ID number. Callers must record the read (core.audit.record_read)."""
        return crypto.decrypt(self.id_number_enc)

    def reveal_phone(self) -> str:
        return crypto.decrypt(self.phone_enc)

    def clean(self) -> None:
        if self.kind == PartyKind.ORGANISATION and self.credit_code:
            try:
                validate_uscc(self.credit_code)
            except ValidationError as e:
                raise ValidationError({"credit_code": e.messages}) from None
