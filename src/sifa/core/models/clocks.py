from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedManager


class DeadlineState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    OVERDUE = "overdue", _("Overdue")
    CANCELLED = "cancelled", _("Cancelled")


class Deadline(models.Model):
    """One statutory time limit of one case. The due date is derived from the stored history (start,
    pauses, extensions) by `core.clocks`, never typed in."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")

    rule = models.CharField(_("rule"), max_length=80, db_index=True)
    rule_effective_from = models.DateField(_("rule in force from"))
    label = models.CharField(_("label"), max_length=120)
    basis = models.CharField(_("legal basis"), max_length=200)
    length = models.PositiveIntegerField(_("length"))
    count_unit = models.CharField(_("counted in"), max_length=16)

    start = models.DateField(_("start"))
    original_due = models.DateField(_("original due date"))
    due = models.DateField(_("due date"), db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=DeadlineState.choices,
                             default=DeadlineState.RUNNING, db_index=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    pauses = models.JSONField(_("pauses"), default=list, blank=True)
    extensions = models.JSONField(_("extensions"), default=list, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)

    # Denormalised from the case so "my work" and the sweep need no join per line.
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+", null=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handler"), on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="deadlines")
    case_label = models.CharField(_("case"), max_length=200, blank=True)
    case_url = models.CharField(_("case link"), max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_field = "unit"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "rule"]),
            models.Index(fields=["state", "due"]),
            models.Index(fields=["assignee", "state", "due"]),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.due}"

    @property
    def is_open(self) -> bool:
        return self.state in (DeadlineState.RUNNING, DeadlineState.PAUSED, DeadlineState.OVERDUE)

    def explain(self) -> str:
        from ..clocks import explain

        return explain(self)
