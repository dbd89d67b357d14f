from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import monitoring, privacy, roles, signals, two_factor  # noqa: F401  (signals: read-access and login events; privacy: its clock)

        monitoring.connect_signals()  # failed log-ins and lock-outs counted for /metrics
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="sifa.core.sync_roles")  # every app

        from . import lines

        lines.install()  # each line's menu entry, "my work" and importer, from its `line` declaration

        from .admin import mirror_admin_log

        mirror_admin_log()

        from . import inputs

        inputs.install()  # bounds on every form field (issue #14: bad input is an error, never a 500)
