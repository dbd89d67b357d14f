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

    def metrics_sql(self) -> list[tuple[str, str]]:
        """(metric key, SQL) computing the line's count metrics for %(start)s..%(end)s in one query each
        per model; returned columns are named after the keys."""
        return []
