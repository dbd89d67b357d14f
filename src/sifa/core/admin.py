"""Django admin in Chinese for the kernel's models, scoped to the user's units like every other page.

Every change made here is written to the audit chain in the admin's own transaction, and every entry of the
admin's own log (LogEntry, of every ModelAdmin) is mirrored into the chain (`mirror_admin_log`); parties are
saved through `services.party_save` so that the admin cannot bypass what the party pages do; memberships and
role permissions through `core.access`, which enforces the separation of the three administrators.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntryManager
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from . import access, audit, services
from . import calendar as cal
from .locking import VersionedAdminMixin
from .models import (
    AuditEvent,
    Deadline,
    DistrictSetting,
    HolidayOverride,
    Membership,
    NumberSeries,
    Party,
    Role,
    Unit,
    User,
)
from .models.scoping import scope_q
from .roles import ALWAYS_TWO_FACTOR

_ADMIN_ACTIONS = {ADDITION: "admin.added", CHANGE: "admin.changed", DELETION: "admin.deleted"}


def mirror_admin_log() -> None:
    """Every entry of the admin's log also goes into the audit chain, which, unlike the log, shows tampering.
    `LogEntryManager.log_actions` is the one writer of that log (log_addition, log_change, log_deletion(s) of
    every ModelAdmin, third-party ones too, the password form's included): it is wrapped here, once."""
    original = LogEntryManager.log_actions
    if getattr(original, "mirrored", False):
        return

    def log_actions(self, user_id, queryset, action_flag, change_message="", *, single_object=False):
        objects = list(queryset)
        logged = original(self, user_id, objects, action_flag, change_message, single_object=single_object)
        actor = access.current_actor()
        if actor is None or actor.pk != user_id:
            actor = User.objects.filter(pk=user_id).first()
        for obj, entry in zip(objects, [logged] if single_object else logged, strict=True):
            audit.record(actor, _ADMIN_ACTIONS.get(action_flag, "admin.logged"), obj, summary=entry.object_repr,
                         payload={"model": obj._meta.label_lower, "message": entry.change_message,
                                  "log_entry": entry.pk})
        return logged

    log_actions.mirrored = True
    LogEntryManager.log_actions = log_actions


class AuditedAdminMixin:
    """Record each add, change and delete made in the admin (等保: changes to users, roles and units)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = "changed" if change else "created"
        audit.record(request.user, f"{obj._meta.model_name}.{action}", obj, summary=str(obj),
                     payload={"fields": sorted(f for f in form.changed_data if f != "version"), "via": "admin"})

    def delete_model(self, request, obj):
        audit.record(request.user, f"{obj._meta.model_name}.deleted", obj, summary=str(obj),
                     payload={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, f"{obj._meta.model_name}.deleted", obj, summary=str(obj),
                         payload={"via": "admin"})
        super().delete_queryset(request, queryset)


class ScopedAdminMixin(AuditedAdminMixin):
    """Admin pages show only what the user's units cover (the same scope as every selector), and offer
    only those units in unit choices."""

    scope_field = "unit"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        if self.scope_field is None:  # the Unit model itself
            return qs.visible_to(request.user)
        return qs.filter(scope_q(request.user, self.scope_field)).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Unit and not request.user.is_superuser:
            kwargs["queryset"] = Unit.objects.visible_to(request.user).order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CategoryAdminMixin(AuditedAdminMixin):
    """The admin page of a line's category table (`core.models.Category`): edited in place, changes audited.
    A line adds its own columns: `list_display = [*CategoryAdminMixin.list_display, "is_loss"]`."""

    list_display = ["name", "code", "sort", "active"]
    list_editable = ["sort", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(VersionedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    scope_field = None
    list_display = ["name", "code", "short_name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code", "short_name"]
    readonly_fields = ["path"]
    list_select_related = ["parent"]


class MembershipFormSet(BaseInlineFormSet):
    """The roles a user holds after the form is saved: an administrator role is held alone (core.access)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shown = {form.instance.pk for form in self.forms if form.instance.pk}
        codes = access.role_codes(self.instance.pk) - set(
            Membership.objects.filter(pk__in=shown).values_list("role__code", flat=True))
        codes |= {form.cleaned_data["role"].code for form in self.forms
                  if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")}
        try:
            access.check_role_set(codes)
        except ValidationError as error:
            raise ValidationError(error.message_dict["role"]) from None


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("unit", "role")
        return qs if request.user.is_superuser else qs.filter(scope_q(request.user, "unit"))


@admin.register(User)
class UserAdmin(VersionedAdminMixin, AuditedAdminMixin, DjangoUserAdmin):
    """Users of the user's units. Permissions come from roles held in units (memberships), never from
    per-user grants or groups, and nobody becomes a superuser here."""

    list_display = ["username", "last_name", "first_name", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "last_name", "first_name"]
    list_filter = ["is_active", "is_staff"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["last_name", "first_name", "email"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"],
                             "fields": ["username", "last_name", "first_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
    inlines = [MembershipInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        # A user is in scope through a membership in the admin's units; new users without any yet too.
        return qs.filter(scope_q(request.user, "memberships__unit") | Q(memberships__isnull=True)).distinct()

    # Separation of duties (三员分立): the system administrator manages users, but not the accounts of the
    # security and audit administrators — else they could reset those passwords and act in their place.
    GUARDED_ROLES = ("security_admin", "audit_admin")

    def _guarded(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser or obj.pk == request.user.pk:
            return False
        return obj.memberships.filter(role__code__in=self.GUARDED_ROLES).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._guarded(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._guarded(request, obj)


class RoleForm(forms.ModelForm):
    def clean_permissions(self):
        permissions = self.cleaned_data["permissions"]
        before = set(self.instance.permissions.all()) if self.instance.pk else set()
        if set(permissions) != before:
            try:
                access.check_role_permissions(self.instance, permissions.select_related("content_type"),
                                              by=access.current_actor())
            except ValidationError as error:
                raise ValidationError(error.message_dict["permissions"]) from None
        return permissions


@admin.register(Role)
class RoleAdmin(VersionedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """The security administrator's page: what each role may do. Nobody changes the permissions of a role they
    hold (core.access), and a role's code, which sifa's code names, is fixed once the role exists."""

    form = RoleForm
    list_display = ["name", "code", "requires_two_factor"]
    list_filter = ["requires_two_factor"]
    search_fields = ["name", "code"]
    filter_horizontal = ["permissions"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # the administrators and the bureau leader always sign in with two factors (core.two_factor)
        return ["code", "requires_two_factor"] if obj.code in ALWAYS_TWO_FACTOR else ["code"]


@admin.register(Membership)
class MembershipAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Who holds which role where: the security administrator's to assign (core.access), never their own.
    Written through core.access; core.signals audits every membership written, here or elsewhere."""

    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "role", "unit"]

    def save_model(self, request, obj, form, change):
        access.membership_save(by=request.user, membership=obj)

    def delete_model(self, request, obj):
        access.membership_revoke(by=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            access.membership_revoke(by=request.user, membership=membership)


@admin.register(Party)
class PartyAdmin(VersionedAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "id_number_masked", "phone_masked", "credit_code", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["id_number_masked", "phone_masked", "birth_date", "sex"]
    exclude = ["id_number_enc", "phone_enc", "id_number_hash", "phone_hash"]
    list_select_related = ["unit"]

    def save_model(self, request, obj, form, change):
        services.party_save(party=obj, by=request.user)  # audited there


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(VersionedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "is_workday", "name", "year_complete", "basis"]
    list_filter = ["is_workday", "year_complete"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cal.invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        cal.invalidate()


@admin.register(DistrictSetting)
class DistrictSettingAdmin(VersionedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]
    search_fields = ["key", "value"]


@admin.register(NumberSeries)
class NumberSeriesAdmin(VersionedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "unit", "year", "format", "last"]
    list_filter = ["year", "kind"]
    readonly_fields = ["last"]
    list_select_related = ["unit"]


class ReadOnlyAdminMixin:
    """Shown in the admin, never written there: cases and clocks change only through the services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Clocks move only through their services (core.clocks): read-only here."""

    list_display = ["label", "case", "start", "due", "state", "handler"]
    list_filter = ["state", "rule"]
    fields = readonly_fields = ["case", "label", "rule", "rule_effective_from", "basis", "length", "count_unit",
                                "start", "original_due", "due", "state", "met_on", "pauses", "extensions",
                                "registered_unit", "handler", "explanation"]
    list_select_related = ["assignee", "unit"]
    search_fields = ["case_label", "label"]

    @admin.display(description=_("case"), ordering="case_label")
    def case(self, obj):
        return obj.case_label

    @admin.display(description=_("unit"))
    def registered_unit(self, obj):
        return obj.unit

    @admin.display(description=_("handler"))
    def handler(self, obj):
        return obj.assignee or ""

    @admin.display(description=_("how the due date was computed"))
    def explanation(self, obj):
        return obj.explain()


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, for the audit administrator: nothing in the app can edit or delete an event."""

    list_display = ["seq", "at", "actor_name", "sentence", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_id", "summary"]
    fields = readonly_fields = ["seq", "at", "actor_name", "unit", "action", "object_type", "object_id", "summary",
                                "payload", "chain"]

    @admin.display(description=_("Event"))
    def sentence(self, obj):
        return obj.sentence

    @admin.display(description=_("hash chain (SM3): previous → this event"))
    def chain(self, obj):
        return f"{obj.prev_hash} → {obj.hash}"

    def get_actions(self, request):
        return {}


admin.site.index_title = _("Administration")


class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """Two-factor devices (core.two_factor), for the security administrator: who has one, and removing the
    device of someone who lost their phone (they enrol again at their next log-in). django-otp's own pages
    show the secret key, the QR code and the recovery codes themselves: nobody may read those here."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__last_name"]
    fields = readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
    admin.site.register(_device_model, TwoFactorDeviceAdmin)
