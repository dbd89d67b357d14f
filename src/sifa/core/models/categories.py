"""The shape every line's small category table shares (dispute types, subject areas, outcome types ...): a
district's own list, kept as data and edited in the admin (STYLE §8), not hard-coded choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..locking import Versioned


class CategoryQuerySet(models.QuerySet):
    def active(self) -> CategoryQuerySet:
        """The categories still offered on forms; retired ones stay for the cases that used them."""
        return self.filter(active=True)


class Category(Versioned):
    """A category a line's cases are filed and counted under: a stable code (data migrations, the demo and
    imports refer to it), the name the statistics show, an order, and whether forms still offer it.

    A line's table inherits it (`class DisputeType(Category)`), adds its own fields, and may narrow a field
    that existing rows or foreign keys depend on (reconsideration's ActKind keeps its 20-character code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    sort = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort", "pk"]

    def __str__(self) -> str:
        return self.name
