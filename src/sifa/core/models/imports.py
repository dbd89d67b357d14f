"""An import of a file, run in the background (core.imports): who brought which file, its progress and result."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..files import RandomName, private_storage
from .scoping import ScopedManager

__all__ = ["ImportJob", "ImportJobState", "private_storage"]  # private_storage: named by migration 0005


class ImportJobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FAILED = "failed", _("Not imported")
    DONE = "done", _("Imported")


class ImportJob(models.Model):
    """One file import. The progress fields are written as the job runs (outside the import's transaction);
    `errors` keeps the first errors found as [row, column, message]; `error_count` counts them all."""

    kind = models.CharField(_("kind"), max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True,
                             on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    # Imported files hold personal data: private storage, under a random name (`filename` keeps the original).
    file = models.FileField(_("file"), upload_to=RandomName("imports"), storage=private_storage, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    state = models.CharField(_("state"), max_length=16, choices=ImportJobState.choices,
                             default=ImportJobState.QUEUED, db_index=True)
    stage = models.CharField(_("stage"), max_length=16, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    written = models.PositiveIntegerField(_("records written"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors found"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("import_job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in (ImportJobState.DONE, ImportJobState.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    def report(self):
        from ..imports import Report, RowError

        return Report(rows=self.rows, written=self.written, errors=[RowError(*e) for e in self.errors])
