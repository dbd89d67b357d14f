"""The unit tree, users, roles and memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned


class UnitKind(models.TextChoices):
    DISTRICT_GOVERNMENT = "district_government", _("District government")
    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    BUREAU_DIVISION = "bureau_division", _("Bureau division")
    JUSTICE_OFFICE = "justice_office", _("Justice office")
    DISTRICT_AGENCY = "district_agency", _("District agency")
    COURT = "court", _("Court")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    PUBLIC_SECURITY = "public_security", _("Public security")
    MEDIATION_COMMITTEE = "mediation_committee", _("Mediation committee")
    DISPUTE_CENTRE = "dispute_centre", _("Dispute-resolution centre")
    LAW_FIRM = "law_firm", _("Law firm")
    NOTARY_OFFICE = "notary_office", _("Notary office")
    LEGAL_AID_CENTRE = "legal_aid_centre", _("Legal-aid centre")
    APPRAISAL_INSTITUTION = "appraisal_institution", _("Appraisal institution")
    OTHER = "other", _("Other")


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .scoping import user_unit_paths, within_q

        paths = user_unit_paths(user)
        return self.filter(within_q(paths, "")) if paths else self.none()

    def subtree(self, unit):
        return self.filter(path__startswith=unit.path)


class Unit(Versioned):
    """A node of the one unit tree. `path` is materialised ("/PT/PT-SFJ/") for set-based subtree queries."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True,
                                  help_text=_("Used in document numbers, e.g. 普府复 or 沪普司."))
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    path = models.CharField(_("path in the tree"), max_length=400, editable=False, db_index=True)
    sort = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    # Where and when citizens are received (the public home page lists the offices that have an address).
    address = models.CharField(_("office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)

    objects = UnitQuerySet.as_manager()
    scope_field = None

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        permissions = [
            ("view_statistics", _("Can read statistics and reports")),
            ("view_case_contents", _("Can read case contents: parties, facts, decisions and documents")),
            ("lead_unit", _("Leads the unit: sees the unit's clocks and work")),
            ("manage_tasks", _("Can see failed background tasks and run them again")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "/") + self.code + "/"
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:  # moved or renamed: carry the subtree along
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = self.path + child.path[len(old_path):]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)
                # what the subtree's members see has moved with it: their cached scope is retired
                retire_access(Membership.objects.filter(unit__path__startswith=self.path))

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def ancestors(self):
        codes = [c for c in self.path.strip("/").split("/")][:-1]
        order = {c: i for i, c in enumerate(codes)}
        return sorted(Unit.objects.filter(code__in=codes), key=lambda u: order[u.code])


class User(Versioned, AbstractUser):
    """A member of staff. What they may do comes from their roles; what they see from their units."""

    # Moves on whenever what the user may do or see changes (their memberships, their roles' permissions, the
    # place of their units in the tree): the key of their cached permissions and scope (core.auth.access_of).
    access_stamp = models.PositiveIntegerField(_("access version"), default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def primary_unit(self):
        m = self.memberships.select_related("unit").order_by("unit__path").first()
        return m.unit if m else None


class Role(Versioned):
    """A set of permissions (案件承办人, 调解员, ...), held by a user in a unit through a Membership."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    permissions = models.ManyToManyField(Permission, verbose_name=_("permissions"), blank=True)
    requires_two_factor = models.BooleanField(
        _("requires two-factor sign-in"), default=False,
        help_text=_("Holders must sign in with a code from an authenticator app as well as their password. "
                    "Always on for the three administrators and the bureau leader."))

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships")
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.unit}"

    def clean(self) -> None:
        """Separation of duties (core.access): who may grant this role to whom, and with which other roles."""
        from ..access import check_membership, current_actor

        check_membership(self, by=current_actor())


def retire_access(memberships) -> None:
    """Move on the access stamp of the users holding these memberships: their cached permissions and scope
    (models.scoping.access_of) are read afresh on their next request."""
    User.objects.filter(pk__in=memberships.values("user_id")).update(access_stamp=models.F("access_stamp") + 1)
