"""Django admin in Chinese for the kernel's models, scoped to the user's units like every other page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import calendar as cal
from .models import AuditEvent, Deadline, HolidayOverride, Membership, NumberSeries, Party, Role, Unit, User
from .models.scoping import scope_q


class ScopedAdminMixin:
    """Admin pages show only what the user's units cover (the same scope as every selector)."""

    scope_field = "unit"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(scope_q(request.user, self.scope_field))


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "short_name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code", "short_name"]
    readonly_fields = ["path"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.visible_to(request.user)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "last_name", "first_name", "is_active", "last_login"]
    search_fields = ["username", "last_name", "first_name"]
    list_filter = ["is_active"]
    fields = ["username", "last_name", "first_name", "email", "is_active", "is_staff", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["permissions"]


@admin.register(Party)
class PartyAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "id_number_masked", "phone_masked", "credit_code", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["id_number_masked", "phone_masked", "birth_date", "sex"]
    exclude = ["id_number_enc", "phone_enc", "id_number_hash", "phone_hash"]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "name", "year_complete", "basis"]
    list_filter = ["is_workday", "year_complete"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cal.invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        cal.invalidate()


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    list_display = ["kind", "unit", "year", "format", "last"]
    list_filter = ["year", "kind"]
    readonly_fields = ["last"]


@admin.register(Deadline)
class DeadlineAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["label", "case_label", "start", "due", "state", "assignee"]
    list_filter = ["state", "rule"]
    readonly_fields = [f.name for f in Deadline._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, for the audit administrator: nothing in the app can edit or delete an event."""

    list_display = ["seq", "at", "actor_name", "action", "object_type", "object_id", "summary"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_id", "summary"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


admin.site.index_title = _("Administration")
