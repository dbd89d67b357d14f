from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned
from ..validators import validate_number_format


class NumberSeries(Versioned):
    """A gapless series of numbers per (kind, unit, year): 普府复〔2022〕12号 and the like."""

    kind = models.CharField(_("kind"), max_length=60)
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    year = models.PositiveIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=80,
                              help_text=_("Placeholders: {prefix} {year} {n}; e.g. 普府复〔{year}〕{n}号"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [models.UniqueConstraint(fields=["kind", "unit", "year"], name="uniq_number_series")]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit} {self.year}: {self.last}"

    def clean(self) -> None:
        try:
            validate_number_format(self.format)
        except ValidationError as exc:
            raise ValidationError({"format": exc.error_list}) from None
