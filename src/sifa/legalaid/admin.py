from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sifa.core.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin
from sifa.core.models import Unit, UnitKind

from .models import (
    Consultation,
    DeclaredConflict,
    EvaluationSheet,
    HardshipStandard,
    LegalAidCase,
    RosterLawyer,
    SubsidyRate,
)


@admin.register(HardshipStandard)
class HardshipStandardAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The economic-hardship standard (法律援助法 第三十四条): district data, dated, edited here; each check records
    the version it used, so a new version changes no past check."""

    list_display = ["region", "effective_from", "monthly_income_per_capita", "basis", "note"]


class ConflictInline(admin.TabularInline):
    model = DeclaredConflict
    extra = 0


@admin.register(RosterLawyer)
class RosterLawyerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The centre's roster of legal-aid and duty lawyers (法律援助法 第十四条、第十六条): the rotation takes the
    active lawyer who has waited longest; declared conflicts make it skip the lawyer for those parties."""

    list_display = ["name", "law_firm", "duty_post", "capacity", "position", "last_assigned_on", "active", "unit"]
    list_filter = ["active"]
    search_fields = ["name"]
    inlines = [ConflictInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "law_firm":
            kwargs["queryset"] = Unit.objects.filter(kind=UnitKind.LAW_FIRM, active=True).order_by("name")
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SubsidyRate)
class SubsidyRateAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The case-subsidy tariff (法律援助法 第五十二条): district data by form of service, dated; a closing review
    records the rate it used, so a new rate changes no reviewed case."""

    list_display = ["service_form", "effective_from", "amount", "basis"]
    list_filter = ["service_form"]


@admin.register(EvaluationSheet)
class EvaluationSheetAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The quality-evaluation scoring sheet (第五十九条): items with their maximum points, the marks of the grades."""

    list_display = ["name", "effective_from", "pass_mark", "good_mark", "fail_subsidy_percent"]


@admin.register(LegalAidCase)
class LegalAidCaseAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Cases change only through the procedure (the case pages); the admin shows them, with their history."""

    list_display = ["number", "source", "matter_type", "state", "received_on", "unit"]
    list_filter = ["source", "matter_type", "state"]
    search_fields = ["number"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["consulted_on", "channel", "category", "unit"]
    list_filter = ["channel", "category"]
