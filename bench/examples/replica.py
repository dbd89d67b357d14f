"""Reports on a read replica (docs/scale.md): GET requests under /reports/ read from the `replica` alias;
everything else — every write, and every read of other pages — goes to `default`.

    # site_settings.py, used with DJANGO_SETTINGS_MODULE=site_settings
    from sifa.settings import *  # noqa
    import dj_database_url, os
    DATABASES["replica"] = dj_database_url.parse(os.environ["SIFA_REPLICA_URL"])
    DATABASE_ROUTERS = ["bench.examples.replica.ReplicaRouter"]
    MIDDLEWARE = ["bench.examples.replica.ReportsOnReplica", *MIDDLEWARE]

Sessions, users and the audit chain are always read from the primary: a session created a moment ago may not
have reached the replica yet, and the audit head must be locked where it is written.
"""

from __future__ import annotations

import contextvars

_replica = contextvars.ContextVar("sifa_read_replica", default=False)
PRIMARY_ONLY = {"sessions", "auth", "axes", "contenttypes"}
PRIMARY_MODELS = {"core.user", "core.membership", "core.role", "core.auditevent", "core.audithead",
                  "core.numberseries"}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica.get() or model._meta.app_label in PRIMARY_ONLY or model._meta.label_lower in PRIMARY_MODELS:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReportsOnReplica:
    """Middleware: the report pages' reads go to the replica for the length of the request."""

    prefixes = ("/reports/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica.set(request.method == "GET" and request.path.startswith(self.prefixes))
        try:
            return self.get_response(request)
        finally:
            _replica.reset(token)
