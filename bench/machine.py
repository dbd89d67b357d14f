"""What the numbers were measured on: the machine and the database."""

from __future__ import annotations

import os
import platform


def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor()
    mem_gb = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (None, None, None)
    return {"nproc": os.cpu_count(), "memory_gb": mem_gb, "cpu": cpu or "unknown", "loadavg": list(load),
            "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}"}


def database() -> dict:
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT version()")
            version = c.fetchone()[0].split(" on ")[0]
            c.execute("SHOW shared_buffers")
            extra = {"shared_buffers": c.fetchone()[0]}
            c.execute("SHOW work_mem")
            extra["work_mem"] = c.fetchone()[0]
        else:
            c.execute("SELECT sqlite_version()")
            version = f"SQLite {c.fetchone()[0]}"
            extra = {}
    return {"vendor": connection.vendor, "version": version, "name": str(connection.settings_dict["NAME"]),
            **extra}


def table_rows(models_) -> dict[str, int]:
    """Row counts of the given models (exact on SQLite, the planner's estimate on PostgreSQL)."""
    from django.db import connection

    out = {}
    with connection.cursor() as c:
        for m in models_:
            if connection.vendor == "postgresql":
                c.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [m._meta.db_table])
                row = c.fetchone()
                out[m._meta.label] = int(row[0]) if row and row[0] >= 0 else None
            else:
                c.execute(f'SELECT COUNT(*) FROM "{m._meta.db_table}"')
                out[m._meta.label] = c.fetchone()[0]
    return out
