"""A person's requests about their own data (个人信息保护法 第四十四条至第五十条): to see or copy it, have it
corrected or deleted, moved, or the rules explained. The bureau records each request and answers it within its
time limit (core.privacy)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned
from .scoping import ScopedManager


class DataRequestKind(models.TextChoices):
    ACCESS = "access", _("To see or copy the data (PIPL art. 45)")
    TRANSFER = "transfer", _("To move the data elsewhere (PIPL art. 45 ¶3)")
    CORRECT = "correct", _("To correct or complete the data (PIPL art. 46)")
    DELETE = "delete", _("To delete the data (PIPL art. 47)")
    EXPLAIN = "explain", _("To have the rules of processing explained (PIPL art. 48)")


class DataRequestState(models.TextChoices):
    RECEIVED = "received", _("Received, being handled")
    ANSWERED = "answered", _("Answered to the person")
    REFUSED = "refused", _("Refused with reasons")


class DataRequest(Versioned):
    """One request by a person about the data sifa holds on them, with the answer given."""

    unit = models.ForeignKey("core.Unit", verbose_name=_("receiving unit"), on_delete=models.PROTECT,
                             related_name="+")
    number = models.CharField(_("request number"), max_length=60)
    name = models.CharField(_("name of the requesting person"), max_length=120)
    id_number_enc = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=40, blank=True, editable=False)
    kind = models.CharField(_("what is asked"), max_length=12, choices=DataRequestKind.choices)
    details = models.TextField(_("the request in the person's words"), blank=True)
    received_on = models.DateField(_("request received on"))
    state = models.CharField(_("state"), max_length=12, choices=DataRequestState.choices,
                             default=DataRequestState.RECEIVED, db_index=True)
    answer = models.TextField(_("answer given to the person"), blank=True)
    answered_on = models.DateField(_("date the person was answered"), null=True, blank=True)
    handler = models.ForeignKey("core.User", verbose_name=_("request handled by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("personal-data request")
        verbose_name_plural = _("personal-data requests")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "state", "received_on"])]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="core_datarequest_unit_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("data_request", args=[self.pk])
