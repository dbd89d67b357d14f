"""The third-party apps whose records the system and security administrators see in the admin, under Chinese
names: their own AppConfigs have none ("Axes 管理", "Otp_Totp", "Tasks Database Backend"). settings.INSTALLED_APPS
names these classes instead of the packages; labels, models and migrations are the packages' own."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig
from django_tasks_db.apps import TasksAppConfig


class SignInProtectionConfig(AxesAppConfig):
    verbose_name = _("Sign-in protection")


class AuthenticatorDevicesConfig(TOTPDefaultConfig):
    verbose_name = _("Authenticator apps (two-factor sign-in)")


class RecoveryCodesConfig(StaticDefaultConfig):
    verbose_name = _("Recovery codes (two-factor sign-in)")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
