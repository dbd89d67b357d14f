"""People's supervisors: a pool of about two dozen supervisors per district (five fields) and the procuratorate's
requests, a handful a month, each drawn and seated (two or three supervisors, one in ten declining, a few absent),
held and answered. Few rows: the plugin shows the line's queries at scale, not a load."""

from __future__ import annotations

from datetime import date, timedelta

from .base import LinePlugin
from .mediation import pick

FIELDS = ["law", "economy", "education", "community", "public"]


class Plugin(LinePlugin):
    line = "supervisors"
    case_model = "supervisors.DrawRequest"
    share = 0.002
    list_url_name = "supervisors:list"
    narrow_user = "jiandu"

    def setup(self, g) -> None:
        from django.apps import apps

        self.Supervisor = apps.get_model("supervisors", "Supervisor")
        self.Seat = apps.get_model("supervisors", "Seat")
        self.url = self.url_template("supervisors:detail")
        self.pools: dict[int, list[tuple[int, str]]] = {}

    def _pool(self, g, d) -> list[tuple[int, str]]:
        if d.index not in self.pools:
            unit, out = d.unit("SFJ-CF"), []
            for i in range(24):
                field = FIELDS[i % len(FIELDS)]
                row = g.w.add(self.Supervisor, {
                    "unit_id": unit, "code": f"{d.code}-RMJD-{i + 1:03d}", "person_id": g.party(unit_id=unit),
                    "field": field, "street": "", "occupation": "", "birth_date": date(1975, 1, 1),
                    "status": "active", "barred": False, "barred_reason": "", "selected_on": date(2022, 3, 1),
                    "version": 1})
                out.append((row["id"], field))
            self.pools[d.index] = out
        return self.pools[d.index]

    def generate(self, g, d, month: date, n: int) -> None:
        r = g.rng
        pool = self._pool(g, d)
        unit, procuratorate = d.unit("SFJ-CF"), d.unit("JCY")
        for _ in range(n):
            received = g.day_in(month)
            activity = received + timedelta(days=r.randint(7, 21))
            requested = r.choice((2, 3, 3))
            age = (g.today - received).days
            row = {"id": g.w.next_id(self.model), "unit_id": unit, "handler_id": None, "opened_on": received,
                   "received_on": received, "procuratorate_id": procuratorate,
                   "activity_kind": r.choice(("public_review", "hearing", "inspection")),
                   "activity": "拟不起诉案件公开听证（基准数据）", "activity_on": activity, "requested": requested,
                   "quotas": {}, "conflicts": [], "exclusions": [], "probabilities": {}, "drawn": [], "reserves": []}
            drawn_on = received + timedelta(days=3)
            if age < 3:
                row["state"] = "received"
            else:
                row.update(state="drawn", drawn_on=drawn_on, seed="03 09 14 21 27 33 + 05",
                           algorithm="sifa-stratified-sha256", algorithm_version="1")
                if activity < g.today:
                    answered = activity + timedelta(days=10)
                    row.update(state="answered" if answered <= g.today else "held", held_on=activity,
                               confirmed_on=drawn_on + timedelta(days=1),
                               answered_on=answered if answered <= g.today else None,
                               answer="已研究采纳。" if answered <= g.today else "",
                               closed_on=answered if answered <= g.today else None)
            row["number"] = g.number(kind="supervisors.request", unit_id=unit, year=received.year,
                                     prefix=d.unit_shorts[unit], fmt="{prefix}监抽〔{year}〕{n}号")
            created = g.moment(received)
            g.case(self.model, row, created=created, by=None, initial_state="received",
                   changed=g.moment(row["closed_on"]) if row.get("closed_on") else None)
            g.event(at=created, action="supervisors.requested", model=self.model, object_id=row["id"],
                    unit_id=unit, actor_id=None, summary=row["number"])
            if row["state"] == "received":
                continue
            for rank, (sid, field) in enumerate(r.sample(pool, requested), 1):
                held = row["state"] in ("held", "answered")
                status = pick(r, [("attended", 0.93), ("absent", 0.07)]) if held else "invited"
                g.w.add(self.Seat, {"request_id": row["id"], "supervisor_id": sid, "stratum": field, "rank": rank,
                                    "from_reserve": False, "status": status, "invited_on": drawn_on,
                                    "responded_on": drawn_on + timedelta(days=1) if held else None,
                                    "confirmed_via": "phone" if held else "", "decline_reason": "",
                                    "activity_on": activity, "opinion": "建议依法作出不起诉决定。" if held else "",
                                    "opinion_on": activity if held else None, "recorded_by_id": None})

    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("by activity date", {"sort": "activity"})]

    def metrics_sql(self, vendor: str) -> list[str]:
        return ["""
SELECT
  COUNT(*) FILTER (WHERE r.received_on BETWEEN %(start)s AND %(end)s) AS "supervisors.requests",
  COUNT(*) FILTER (WHERE r.drawn_on BETWEEN %(start)s AND %(end)s) AS "supervisors.draws",
  COUNT(*) FILTER (WHERE r.held_on BETWEEN %(start)s AND %(end)s) AS "supervisors.served",
  COUNT(*) FILTER (WHERE r.answered_on BETWEEN %(start)s AND %(end)s) AS "supervisors.answered"
FROM supervisors_drawrequest r JOIN core_unit u ON u.id = r.unit_id
WHERE u.path LIKE %(path)s""", """
SELECT
  COUNT(*) FILTER (WHERE s.status = 'attended') AS "supervisors.participation",
  COUNT(*) FILTER (WHERE s.status = 'absent') AS "supervisors.absences",
  COUNT(*) FILTER (WHERE s.status = 'declined') AS "supervisors.declined",
  COUNT(*) FILTER (WHERE s.opinion <> '') AS "supervisors.opinions"
FROM supervisors_seat s JOIN supervisors_drawrequest r ON r.id = s.request_id JOIN core_unit u ON u.id = r.unit_id
WHERE u.path LIKE %(path)s AND s.activity_on BETWEEN %(start)s AND %(end)s""", """
SELECT COUNT(*) AS "supervisors.selected" FROM supervisors_supervisor p JOIN core_unit u ON u.id = p.unit_id
WHERE u.path LIKE %(path)s AND p.selected_on BETWEEN %(start)s AND %(end)s"""]
