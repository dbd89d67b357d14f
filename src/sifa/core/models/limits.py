from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCount(models.Model):
    """How many times a key (an address, a hashed ID number) used a scope (e.g. portal.apply) in one fixed
    window. Kept in the database so that every worker process counts against the same budget
    (`core.limits`); rows of windows that have ended are deleted as new ones are counted."""

    scope = models.CharField(_("scope"), max_length=40)
    key = models.CharField(_("key"), max_length=64)
    window_start = models.DateTimeField(_("window start"))
    window_end = models.DateTimeField(_("window end"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("rate count")
        verbose_name_plural = _("rate counts")
        constraints = [models.UniqueConstraint(fields=["scope", "key", "window_start"], name="uniq_rate_count")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
