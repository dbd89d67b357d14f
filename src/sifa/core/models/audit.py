from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """An append-only, hash-chained record of a change or a read. hash = HMAC-SM3(audit key, prev_hash ‖ canonical
    JSON); events written before the chain had a key: SM3(prev_hash ‖ canonical JSON) (scheme 1)."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
                              on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    unit = models.ForeignKey("core.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # how `hash` was computed (core.audit.chain_hash): 1 plain SM3 (before the chain had a key), n ≥ 2 HMAC-SM3
    # under the (n-1)th audit key. Every writer sets it; the default is what the rows before it were.
    scheme = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"]),
            models.Index(fields=["actor", "seq"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def sentence(self) -> str:
        """The event in words, for pages (core.events): never its code."""
        from sifa.core import events

        return events.sentence(self)

    @property
    def object_label(self) -> str:
        from sifa.core import events

        return events.object_label(self)


class AuditHead(models.Model):
    """The chain's head: one row, locked by each append so concurrent writers never fork the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    # the first event hashed with a key: those before it are plain SM3 (written before the upgrade that keyed the
    # chain). Beyond 1 it must carry `seal`, its MAC under the first audit key (core.audit.keyed_from_seal).
    keyed_from = models.PositiveBigIntegerField(default=1)
    seal = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
