from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..locking import Versioned

EARLIEST = date(1900, 1, 1)  # "since always": a definition loaded without a date


class FigureKind(models.TextChoices):
    COUNT = "count", pgettext_lazy("figure kind", "count")
    AMOUNT = "amount", pgettext_lazy("figure kind", "amount")
    RATE = "rate", pgettext_lazy("figure kind", "rate (%)")


class FigureDefinition(Versioned):
    """A derived figure as district data (core.figures): a formula over registered figure keys, with its label,
    definition text, kind and rounding, in force from `valid_from` until the next definition of the same key.
    A key that a line registers as a rate is overridden by it; any other key is a new figure of the line its
    prefix names. Written only through core.figures (validated, audited, version-checked)."""

    key = models.CharField(_("key"), max_length=80)
    label = models.CharField(_("label"), max_length=100)
    label_en = models.CharField(_("English label"), max_length=100, blank=True)
    definition = models.CharField(pgettext_lazy("figure", "definition"), max_length=500, blank=True)
    formula = models.TextField(pgettext_lazy("figure", "formula"))
    kind = models.CharField(_("kind"), max_length=10, choices=FigureKind.choices, default=FigureKind.RATE)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    unit_label = models.CharField(_("unit of measure"), max_length=10, blank=True)
    valid_from = models.DateField(pgettext_lazy("figure", "in force from"), default=EARLIEST)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    locking_noun = "record"

    class Meta:
        verbose_name = _("figure definition")
        verbose_name_plural = _("figure definitions")
        ordering = ["key", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="uniq_figure_key_valid_from")]
        permissions = [("manage_figures", _("Can define derived figures"))]

    def __str__(self) -> str:
        return f"{self.key} ({self.valid_from})"
