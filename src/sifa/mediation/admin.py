"""The admin of the line's configurable tables and organisation records (cases change only through services)."""

from django.contrib import admin

from sifa.core.admin import CategoryAdminMixin, ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin

from . import services
from .models import CentreAgency, Dispute, DisputeType, Mediator, MediatorTraining, Reception, Sector


@admin.register(DisputeType, Sector)
class CategoryAdmin(VersionedAdminMixin, CategoryAdminMixin, admin.ModelAdmin):
    pass


class TrainingInline(admin.TabularInline):
    """Trainings are recorded through the service (one training for many mediators); shown here read-only."""

    model = MediatorTraining
    extra = 0
    can_delete = False
    readonly_fields = ["title", "held_on", "hours", "organiser"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Mediator)
class MediatorAdmin(VersionedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "is_chief", "speciality", "active"]
    list_filter = ["is_chief", "active"]
    search_fields = ["name"]
    autocomplete_fields = ["unit", "user"]
    inlines = [TrainingInline]

    def save_model(self, request, obj, form, change):
        services.mediator_save(mediator=obj, by=request.user)


@admin.register(CentreAgency)
class CentreAgencyAdmin(VersionedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    scope_field = "centre"
    list_display = ["centre", "agency", "since", "staff", "active"]
    list_filter = ["active"]
    autocomplete_fields = ["centre", "agency"]

    def save_model(self, request, obj, form, change):
        services.centre_station_agency(centre=obj.centre, agency=obj.agency, since=obj.since, staff=obj.staff,
                                       by=request.user)


class ReadOnlyCaseAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Cases are read here, never written: every change goes through the line's services (and their audit)."""

    list_select_related = ["unit"]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyCaseAdmin):
    list_display = ["number", "opened_on", "track", "dispute_type", "unit", "state"]
    list_filter = ["track", "state", "source"]
    search_fields = ["number", "court_reference"]
    list_select_related = ["unit", "dispute_type"]


@admin.register(Reception)
class ReceptionAdmin(ReadOnlyCaseAdmin):
    list_display = ["number", "opened_on", "unit", "state", "successful"]
    list_filter = ["state", "successful"]
    search_fields = ["number"]
