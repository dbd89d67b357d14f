"""Logins, logouts, failed log-ins and lock-outs go into the audit chain, and so does every change of a membership,
of a role's permissions and of a password that a person makes, wherever (the guards of core.access run first).
What the system seeds from the code (the roles synced at each migrate, the demo's users) is versioned with the
code, not an act of anyone, and is not an event.

A change to what a user may do or see moves their access stamp on (the key of their cached permissions and
scope, models.scoping.access_of)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import access
from .models import Membership, Role, User
from .models.org import retire_access
from .models.scoping import forget_access


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from .audit import record

    record(user, "auth.login", user, summary=str(user))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    from .audit import record

    if user is not None:
        record(user, "auth.logout", user, summary=str(user))


def _client_ip(request) -> str:
    # axes has found the client's address (behind a proxy too) by the time a failure is signalled
    return getattr(request, "axes_ip_address", None) or (request.META.get("REMOTE_ADDR", "") if request else "")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    """Each failed log-in: the user name tried and the address, never the password."""
    from .audit import record

    username = str(credentials.get("username", ""))[:150]
    record(None, "auth.login_failed", User.objects.filter(username=username).first(), summary=username,
           payload={"username": username, "ip": _client_ip(request)})


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    from .audit import record

    username = str(username or "")[:150]
    record(None, "auth.locked_out", User.objects.filter(username=username).first(), summary=username,
           payload={"username": username, "ip": ip_address or ""})


@receiver(pre_save, sender=Membership)
def _membership_guard(sender, instance, raw=False, **kwargs):
    if not raw:
        access.check_membership(instance, by=access.current_actor())


@receiver(pre_delete, sender=Membership)
def _membership_delete_guard(sender, instance, origin=None, **kwargs):
    # a user deleted takes their memberships along: that is the user's deletion, guarded where users are kept
    if isinstance(origin, Membership) or getattr(origin, "model", None) is Membership:
        access.check_membership(instance, by=access.current_actor(), deleting=True)


def _membership_payload(m: Membership) -> dict:
    return {"user": m.user.username, "unit": m.unit.code, "role": m.role.code}


@receiver(post_save, sender=Membership)
def _membership_saved(sender, instance, created, raw=False, **kwargs):
    from .audit import record

    by = access.current_actor()
    if by is not None and not raw:
        record(by, "membership.created" if created else "membership.changed", instance,
               summary=str(instance), payload=_membership_payload(instance))


@receiver(post_delete, sender=Membership)
def _membership_deleted(sender, instance, **kwargs):
    from .audit import record

    by = access.current_actor()
    if by is not None:
        record(by, "membership.deleted", instance, summary=str(instance), payload=_membership_payload(instance))


@receiver(m2m_changed, sender=Role.permissions.through)
def _role_permissions_guard(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    by = access.current_actor()
    if reverse:  # a permission given to roles or taken from them
        pairs = [(role, [instance]) for role in Role.objects.filter(pk__in=pk_set or ())]
    else:
        pairs = [(instance, model.objects.filter(pk__in=pk_set or ()).select_related("content_type"))]
    for role, permissions in pairs:
        access.check_role_permissions(role, permissions, by=by, removing=action != "pre_add")


@receiver(m2m_changed, sender=Role.permissions.through)
def _role_permissions_audited(sender, instance, action, reverse, model, pk_set, **kwargs):
    from django.contrib.auth.models import Permission

    from .audit import record

    by = access.current_actor()
    if by is None or action not in ("post_add", "post_remove", "post_clear") or (
            action != "post_clear" and not pk_set):
        return
    change = "added" if action == "post_add" else "removed"
    if reverse:
        for role in Role.objects.filter(pk__in=pk_set):
            record(by, "role.permissions_changed", role, summary=str(role),
                   payload={change: [f"{instance.content_type.app_label}.{instance.codename}"]})
        return
    perms = sorted(f"{app}.{code}" for app, code in Permission.objects.filter(pk__in=pk_set or ())
                   .values_list("content_type__app_label", "codename"))
    record(by, "role.permissions_changed", instance, summary=str(instance),
           payload={change: perms if action != "post_clear" else "all"})


@receiver(post_save, sender=User)
def _password_changed(sender, instance, created, raw=False, **kwargs):
    """A password set on an existing user (a reset by an administrator, a change by the user, a command).
    Django keeps the new raw password on the user until save() returns: its presence, not its value, tells."""
    from .audit import record

    if not created and not raw and getattr(instance, "_password", None) is not None:
        record(access.current_actor(), "user.password_changed", instance, summary=str(instance),
               payload={"username": instance.username})


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender, instance, **kwargs):
    User.objects.filter(pk=instance.user_id).update(access_stamp=F("access_stamp") + 1)
    user = instance._state.fields_cache.get("user")  # the caller's own user object, when it holds one
    if user is not None:
        user.access_stamp += 1
        forget_access(user)


@receiver(m2m_changed, sender=Role.permissions.through)
def _role_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # roles changed from the permission's side: rare, so everyone's cached access is retired
        User.objects.update(access_stamp=F("access_stamp") + 1)
    else:
        retire_access(Membership.objects.filter(role=instance))


@receiver(post_save, sender=Role)
def _role_saved(sender, instance, created, **kwargs):
    if not created:
        retire_access(Membership.objects.filter(role=instance))

