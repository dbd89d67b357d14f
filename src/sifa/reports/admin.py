from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sifa.core.admin import ScopedAdminMixin

from .models import AnnualReport, ReportSection


class SectionInline(admin.TabularInline):
    model = ReportSection
    fields = ["position", "level", "heading", "line", "version"]
    readonly_fields = ["position", "level", "heading", "line", "version"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["year", "title", "number", "unit", "through"]
    list_select_related = ["unit"]
    inlines = [SectionInline]

    # Reports are written through the reports pages (services: audit, versions, placeholder checks);
    # the admin only shows them and their history.
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
