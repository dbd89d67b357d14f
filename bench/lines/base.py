"""The interface of a line plugin (see `bench.lines`)."""

from __future__ import annotations

from datetime import date

from django.apps import apps


class LinePlugin:
    line: str = ""
    case_model: str = ""  # "app_label.Model"
    share: float = 0.0  # the line's share of all cases
    list_url_name: str = ""  # the line's busiest list page

    def ready(self) -> bool:
        try:
            apps.get_model(self.case_model)
        except (LookupError, ValueError):
            return False
        return True

    @property
    def model(self):
        return apps.get_model(self.case_model)

    @staticmethod
    def url_template(name: str) -> str:
        """A case URL with "{}" for the pk ("" while the line has not wired the view)."""
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse(name, args=[987654321]).replace("987654321", "{}")
        except NoReverseMatch:
            return ""

    def setup(self, g) -> None:
        """Look-ups the line needs before generating (category rows, content types)."""

    def generate(self, g, d, month: date, n: int) -> None:
        raise NotImplementedError  # every plugin generates its cases

    def finish(self, g) -> None:
        """After the last month."""

    # --- what the benchmarks need ------------------------------------------------------------------
    def list_queries(self) -> list[tuple[str, dict]]:
        """(label, GET parameters) of the list page: a filtered and sorted view staff use every day."""
        return [("default", {})]

    def metrics_sql(self, vendor: str) -> list[str]:
        """Hand-written SQL computing the line's count metrics for %(start)s..%(end)s within the unit
        subtree %(path)s, one query per model; the columns are named after the metric keys."""
        return []

    narrow_user: str = ""  # a handler who sees one unit's cases

    def list_users(self, ctx) -> list:
        """A handler of one unit, and a leader who sees a whole district (or, at city scale, the city)."""
        from sifa.core.models import User

        wide = "bench_city" if User.objects.filter(username="bench_city").exists() else "leader"
        return [u for name in (self.narrow_user, wide) if name for u in User.objects.filter(username=name)]

    def case_page(self, user) -> str | None:
        """The page of a recent case `user` may see (for the load benchmark)."""
        case = self.model.objects.visible_to(user).order_by("-pk").first()
        return case.get_absolute_url() if case else None

    # --- import (the line's own import service, when it has one) ----------------------------------------
    import_kind: str = ""  # the line's importer as registered with sifa.core.imports ("disputes")
    import_user: str = ""  # the demo user who imports (the import records cases of the units they work in)

    def has_import(self) -> bool:
        if not self.import_kind:
            return False
        from sifa.core import imports

        try:
            imports.importer(self.import_kind)
        except LookupError:
            return False
        return True

    def import_file_rows(self, ctx, n: int) -> tuple[list[str], list[tuple]]:
        """A file's header and `n` valid rows in the documented column format."""
        return [], []

    def run_import(self, ctx, path):
        """Run the line's import service on `path` (full validation, one transaction); returns its report."""
        from sifa.core import imports
        from sifa.core.models import User

        return imports.run(imports.importer(self.import_kind), path, by=User.objects.get(username=self.import_user))

    def import_ok(self, result, n: int) -> bool:
        return result is not None and result.ok and result.written == n

    def raw_insert(self, ctx, csv_path) -> int:
        """The same rows straight into the case table: the database's own speed."""
        return 0

    def raw_csv_insert(self, csv_path, case_row) -> int:
        """Read the .csv with the csv module and write `case_row(n, {header: text})` of each row into the case
        table with the bulk writer (COPY on PostgreSQL): the raw insert the import is compared with."""
        import csv

        from bench.writer import BulkWriter

        w = BulkWriter(batch=20000)
        n = 0
        with open(csv_path, newline="", encoding="utf-8-sig") as f:
            rows = csv.reader(f)
            header = next(rows)
            for values in rows:
                w.add(self.model, case_row(n, dict(zip(header, values, strict=True))))
                n += 1
        w.flush()
        return n
