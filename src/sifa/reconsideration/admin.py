"""Admin pages for the line's configurable tables (subject areas, committee members) and, read-only,
its cases: every change to a case goes through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sifa.core.admin import CategoryAdminMixin, ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin

from .models import ActKind, Application, CommitteeMeeting, CommitteeMember, SubjectArea


@admin.register(SubjectArea, ActKind)
class CategoryAdmin(VersionedAdminMixin, CategoryAdminMixin, admin.ModelAdmin):
    pass


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "affiliation"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "received_on", "respondent", "act_kind", "state", "handler"]
    list_filter = ["state", "act_kind", "channel"]
    search_fields = ["number", "act_description", "receipt_number"]
    show_full_result_count = False


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "held_on", "district_head_attended"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
