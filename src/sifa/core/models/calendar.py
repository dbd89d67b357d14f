from django.db import models
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned


class HolidayOverride(Versioned):
    """A day whose working status differs from the `chinesecalendar` data, or a day of a year it does not
    cover yet. A year counts as known to sifa when `chinesecalendar` covers it, or when the year is
    declared complete by a `year_complete` row (date = 1 January of that year)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("e.g. 春节, 国庆节调休上班"))
    basis = models.CharField(_("basis"), max_length=200, blank=True,
                             help_text=_("The State Council notice this comes from."))
    year_complete = models.BooleanField(
        _("year complete"), default=False,
        help_text=_("Set on 1 January of a year once all its holidays and adjusted working days are entered."))

    class Meta:
        verbose_name = _("holiday override")
        verbose_name_plural = _("holiday overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
