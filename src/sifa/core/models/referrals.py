from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralState(models.TextChoices):
    SENT = "sent", _("Referral sent")
    TAKEN = "taken", _("Referral taken up")
    DECLINED = "declined", _("Referral declined")


class Referral(models.Model):
    """A matter one line refers to another line of the bureau (core.referrals): which record of which line, to
    which line, why, and what became of it. The receiving line finds it with `referrals.incoming(line)`."""

    from_line = models.CharField(_("from line"), max_length=40, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("referred record"), max_length=200)
    to_line = models.CharField(_("to line"), max_length=40, db_index=True)
    reason = models.TextField(_("reason for referral"))
    state = models.CharField(_("state"), max_length=10, choices=ReferralState.choices, default=ReferralState.SENT,
                             db_index=True)
    sent_on = models.DateField(_("date of referral"))
    decided_on = models.DateField(_("date the referral was answered"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=200, blank=True)
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_referral_record")]

    def __str__(self) -> str:
        return f"{self.record_label} → {self.to_line}"
