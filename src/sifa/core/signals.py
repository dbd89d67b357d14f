"""Logins and logouts go into the audit chain; a change to what a user may do or see moves their access stamp on
(the key of their cached permissions and scope, models.scoping.access_of)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

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

