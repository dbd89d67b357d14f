from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sifa.core.admin import CategoryAdminMixin, ReadOnlyAdminMixin, ScopedAdminMixin
from sifa.core.locking import VersionedAdminMixin

from .models import (
    CityReconsideration,
    Hearing,
    JudicialSuggestion,
    OutcomeType,
    Session,
    SuggestionKind,
    Suit,
)


@admin.register(OutcomeType)
class OutcomeTypeAdmin(VersionedAdminMixin, CategoryAdminMixin, admin.ModelAdmin):
    """The loss classification (DOMAIN §2, tag U): editable so a district follows its own assessment rules."""

    list_display = ["name", "code", "kind", "is_loss", "basis", "sort", "active"]
    list_editable = ["is_loss", *CategoryAdminMixin.list_editable]
    list_filter = ["kind", "is_loss", *CategoryAdminMixin.list_filter]


@admin.register(SuggestionKind)
class SuggestionKindAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "reply_days", "statutory", "basis"]


class ReadOnlyCaseAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Cases change only through the services (the case pages); the admin shows them, with their history."""


class ReadOnlyPartAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Hearings and sessions keep no row history of their own (their case's timeline records them): Django's
    plain history page, not simple-history's, which needs a history manager on the model."""


@admin.register(Suit)
class SuitAdmin(ReadOnlyCaseAdmin):
    list_display = ["court_case_number", "number", "court", "defendant", "agency", "received_on", "state"]
    list_filter = ["state", "tier", "court"]
    search_fields = ["court_case_number", "number", "challenged_act"]
    list_select_related = ["court", "defendant", "agency"]


@admin.register(Hearing)
class HearingAdmin(ReadOnlyPartAdmin):
    scope_field = "suit__unit"
    list_display = ["suit", "scheduled_on", "held_on", "court", "agency", "head_appeared", "head_name", "head_rank"]
    list_filter = ["held", "head_appeared", "head_rank"]
    list_select_related = ["suit", "court", "agency"]


@admin.register(JudicialSuggestion)
class JudicialSuggestionAdmin(ReadOnlyCaseAdmin):
    list_display = ["number", "court", "agency", "kind", "received_on", "replied_on", "state"]


@admin.register(CityReconsideration)
class CityReconsiderationAdmin(ReadOnlyCaseAdmin):
    list_display = ["city_case_number", "agency", "received_on", "decided_on", "outcome", "state"]


@admin.register(Session)
class SessionAdmin(ReadOnlyPartAdmin):
    list_display = ["title", "held_on", "court", "suit"]
