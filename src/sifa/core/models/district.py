from django.db import models
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned


class DistrictSetting(Versioned):
    """A value that differs from district to district and that a line reads instead of holding it in code (e.g.
    `reconsideration.office`: the code of the unit that handles reconsideration; `litigation.city_government`:
    the city government deciding city-level reconsiderations). The system administrator edits them in the
    admin; `sifa.core.district` reads them. The key is `<line>.<name>`, as the line documents it."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    value = models.CharField(_("value"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("What the value is for."))

    class Meta:
        verbose_name = _("district setting")
        verbose_name_plural = _("district settings")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
