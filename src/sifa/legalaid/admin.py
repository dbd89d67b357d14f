from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sifa.core.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin

from .models import Consultation, EvaluationSheet, HardshipStandard, LegalAidCase, SubsidyRate


@admin.register(HardshipStandard)
class HardshipStandardAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The economic-hardship standard (法律援助法 第三十四条): district data, dated, edited here; each check records
    the version it used, so a new version changes no past check."""

    list_display = ["region", "effective_from", "monthly_income_per_capita", "basis", "note"]


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
