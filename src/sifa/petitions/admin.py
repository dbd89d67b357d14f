from django.contrib import admin

from sifa.core.locking import VersionedAdminMixin

from .models import RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The district's routing rules of petitions (data, not code)."""

    list_display = ("priority", "kind", "keyword", "route", "division", "active")
    list_filter = ("route", "kind", "active")
