"""Petitions and 12345 work orders: a district bureau's own petitions and the hotline's orders dispatched to it, in
plausible proportions (about two thirds hotline orders; most matters complaints or demands; nearly all answered
within their limits; one in twenty referred to its legal channel; a few orders returned)."""

from __future__ import annotations

from datetime import date, timedelta

from .base import LinePlugin
from .mediation import pick

CHANNELS = [("hotline", 0.62), ("letter", 0.10), ("visit", 0.10), ("online", 0.10), ("phone", 0.04),
            ("transferred", 0.04)]
KINDS = [("complaint", 0.70), ("suggestion", 0.20), ("accusation", 0.10)]
HOTLINE_KINDS = [("complaint", 0.40), ("consultation", 0.25), ("help", 0.15), ("suggestion", 0.10),
                 ("supervision", 0.07), ("complex", 0.03)]
HOTLINE_DAYS = {"consultation": 1, "supervision": 3, "help": 5, "complaint": 5, "suggestion": 5, "complex": 15}
SATISFACTION = [("satisfied", 0.78), ("basically", 0.15), ("dissatisfied", 0.07)]


class Plugin(LinePlugin):
    line = "petitions"
    case_model = "petitions.Petition"
    share = 0.02
    list_url_name = "petitions:list"
    narrow_user = "xinfang"

    def setup(self, g) -> None:
        self.url = self.url_template("petitions:detail")

    def generate(self, g, d, month: date, n: int) -> None:
        r = g.rng
        unit = d.unit("SFJ-BGS")
        handlers = d.users.get("head") or [None]
        for _ in range(n):
            channel = pick(r, CHANNELS)
            hotline = channel == "hotline"
            kind = pick(r, KINDS)
            hk = pick(r, HOTLINE_KINDS) if hotline else ""
            received = g.day_in(month)
            age = (g.today - received).days
            handler = r.choice(handlers)
            row = {"id": g.w.next_id(self.model), "unit_id": unit, "handler_id": handler, "opened_on": received,
                   "received_on": received, "channel": channel, "kind": kind, "hotline_kind": hk,
                   "external_id": f"12345-{received:%Y%m%d}-{r.randint(0, 999999):06d}" if hotline else "",
                   "petitioner_id": g.party(unit_id=unit), "subject": "反映律师、公证或调解服务问题",
                   "content": "（基准数据）", "route": "handle"}
            took = max(1, int(r.expovariate(1 / (4 if hotline else 25))))
            x = r.random()
            if not hotline and x < 0.05 and age >= 3:
                row.update(state="referred", route="reconsideration", referral_note="告知通过行政复议途径提出",
                           closed_on=received + timedelta(days=r.randint(1, 10)))
            elif hotline and x < 0.03 and age >= 1:
                row.update(state="returned", returned_on=received + timedelta(days=1), return_reason="非本单位职责",
                           closed_on=received + timedelta(days=1))
            elif age < took:
                row.update(state="accepted" if age > 1 else "registered",
                           accepted_on=received + timedelta(days=1) if age > 1 else None)
            else:
                accepted = received + timedelta(days=0 if hotline else r.randint(1, 10))
                answered = min(accepted + timedelta(days=took), g.today)
                limit = HOTLINE_DAYS[hk] * 1.4 if hotline else 60
                row.update(state="answered", accepted_on=accepted, answered_on=answered, closed_on=answered,
                           answered_in_time=(answered - accepted).days <= limit or r.random() < 0.5,
                           reply="已按规定办理并答复。",
                           opinion="" if hotline or kind != "complaint" else pick(
                               r, [("support", 0.3), ("explain", 0.5), ("reject", 0.2)]))
                if hotline or r.random() < 0.3:
                    row.update(visited_on=min(answered + timedelta(days=r.randint(1, 5)), g.today),
                               satisfaction=pick(r, SATISFACTION))
            row["number"] = g.number(kind="petitions.case", unit_id=unit, year=received.year,
                                     prefix=d.unit_shorts[unit], fmt="{prefix}信〔{year}〕{n}号")
            created = g.moment(received)
            closed = row.get("closed_on")
            g.case(self.model, row, created=created, by=handler, initial_state="registered",
                   changed=g.moment(closed) if closed else None)
            label = row["number"]
            g.event(at=created, action="petitions.registered", model=self.model, object_id=row["id"], unit_id=unit,
                    actor_id=handler, summary=label, payload={"channel": channel, "kind": kind})
            if row["state"] in ("accepted", "answered"):
                rule = f"petitions.hotline_{HOTLINE_DAYS[hk]}" if hotline else "petitions.handle"
                g.deadline(model=self.model, case_id=row["id"], rule=rule, start=row["accepted_on"] or received,
                           unit_id=unit, assignee_id=handler, case_label=label, case_url=self.url.format(row["id"]),
                           met_on=row.get("answered_on"), by=handler)
            if closed:
                g.event(at=g.moment(closed), action=f"petitions.{row['state']}", model=self.model,
                        object_id=row["id"], unit_id=unit, actor_id=handler, summary=label)

    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("open hotline orders", {"status": "open", "channel": "hotline"}),
                ("overdue", {"due": "overdue"})]

    def metrics_sql(self, vendor: str) -> list[str]:
        rec = "p.received_on BETWEEN %(start)s AND %(end)s"
        ans = "p.answered_on BETWEEN %(start)s AND %(end)s"
        vis = "p.visited_on BETWEEN %(start)s AND %(end)s"
        clo = "p.closed_on BETWEEN %(start)s AND %(end)s"
        ret = "p.returned_on BETWEEN %(start)s AND %(end)s"
        rev = "p.reviewed_on BETWEEN %(start)s AND %(end)s"
        return [f"""
SELECT
  COUNT(*) FILTER (WHERE {rec}) AS "petitions.received",
  COUNT(*) FILTER (WHERE {rec} AND p.kind = 'suggestion') AS "petitions.suggestions",
  COUNT(*) FILTER (WHERE {rec} AND p.kind = 'accusation') AS "petitions.accusations",
  COUNT(*) FILTER (WHERE {rec} AND p.kind = 'complaint') AS "petitions.complaints",
  COUNT(*) FILTER (WHERE {rec} AND p.channel = 'hotline') AS "petitions.hotline_orders",
  COUNT(*) FILTER (WHERE {clo} AND p.state = 'referred') AS "petitions.referred",
  COUNT(*) FILTER (WHERE {ret}) AS "petitions.returned",
  COUNT(*) FILTER (WHERE {ans}) AS "petitions.answered",
  COUNT(*) FILTER (WHERE {ans} AND p.answered_in_time) AS "petitions.answered_on_time",
  COUNT(*) FILTER (WHERE {vis}) AS "petitions.visited",
  COUNT(*) FILTER (WHERE {vis} AND p.satisfaction IN ('satisfied', 'basically')) AS "petitions.satisfied",
  COUNT(*) FILTER (WHERE {rev}) AS "petitions.reviewed"
FROM petitions_petition p JOIN core_unit u ON u.id = p.unit_id
WHERE u.path LIKE %(path)s AND ({rec} OR {ans} OR {vis} OR {clo} OR {ret} OR {rev})"""]
