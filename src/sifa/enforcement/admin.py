from django.contrib import admin

from sifa.core.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin

from .models import CertificateApplication, Officer, ScoringSheet


@admin.register(ScoringSheet)
class ScoringSheetAdmin(ReadOnlyAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    """The scoring sheet of case-file evaluation is data (veto items, sections with caps), edited and checked on the
    line's page (enforcement:sheets), read here; a campaign
    keeps the sheet it was created with."""

    list_display = ["name", "excellent_from", "pass_from"]


@admin.register(CertificateApplication)
class CertificateApplicationAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "agency", "state", "received_on", "decided_on"]
    list_filter = ["kind", "state"]
    search_fields = ["number", "certificate_number"]


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "agency", "post", "certificate_number", "certificate_status"]
    list_filter = ["certificate_status"]
    search_fields = ["certificate_number", "person__name"]
