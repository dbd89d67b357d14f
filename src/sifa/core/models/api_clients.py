"""Machine clients of the JSON API (a court's or a hotline's system): one row per issued token.

A client acts as a service-account user: that user's roles and unit memberships decide what the client may
see and do, exactly as for a person. Only a keyed hash of the token is stored (`core.api_clients.token_hash`),
with its first characters (`prefix`) to find the row and to name the token to people; the token itself is shown
once, when it is issued. The services that write these rows are in `core.api_clients`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True,
                            help_text=_("The system that uses the token, e.g. 区法院案件系统."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.PROTECT,
                             related_name="api_clients",
                             help_text=_("The service account whose roles and units decide what the client may "
                                         "see and do."))
    prefix = models.CharField(_("token prefix"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, editable=False)
    allowed_ips = models.CharField(_("allowed client addresses"), max_length=500, blank=True,
                                   help_text=_("Addresses or networks, separated by spaces or commas (e.g. "
                                               "10.1.2.3 10.8.0.0/16); empty: any address."))
    expires_on = models.DateField(_("expires on"), null=True, blank=True,
                                  help_text=_("The last day the token is accepted; empty: until revoked."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def expired(self, today=None) -> bool:
        return self.expires_on is not None and self.expires_on < (today or timezone.localdate())

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired()
