"""Mediation (矛盾纠纷多元化解): disputes of the people's, pre-litigation and administrative tracks, in the
proportions of the seed year (people's ~70%, pre-litigation ~29%, administrative ~1%; 96.6% successful)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .base import LinePlugin

TRACKS = [("people", 0.70), ("prelitigation", 0.29), ("administrative", 0.01)]
SOURCES = [("application", 0.45), ("initiative", 0.15), ("police", 0.12), ("agency", 0.05), ("centre", 0.13),
           ("screening", 0.10)]
DELEGATED = "mediation.court_delegated"
NUMBERS = {"people": ("mediation.dispute", "{prefix}〔{year}〕{n}号"),
           "prelitigation": ("mediation.prelitigation", "{prefix}诉前〔{year}〕{n}号"),
           "administrative": ("mediation.administrative", "{prefix}〔{year}〕{n}号")}


def pick(rng, table):
    x, acc = rng.random(), 0.0
    for value, w in table:
        acc += w
        if x < acc:
            return value
    return table[-1][0]


class Plugin(LinePlugin):
    line = "mediation"
    case_model = "mediation.Dispute"
    share = 0.95
    list_url_name = "mediation:list"
    narrow_user = "mediator"  # one street's committee: the scope whose rows are rarest in the table

    def setup(self, g) -> None:
        from django.apps import apps

        self.DisputeType = apps.get_model("mediation", "DisputeType")
        self.DisputeParty = apps.get_model("mediation", "DisputeParty")
        self.Agreement = apps.get_model("mediation", "Agreement")
        types = list(self.DisputeType.objects.order_by("sort", "pk").values_list("pk", flat=True))
        if not types:
            raise RuntimeError("mediation.DisputeType has no rows: migrate first")
        # a few types (neighbours, family, property) dominate, as in the seed's table
        self.types = [(t, (len(types) - i) / sum(range(1, len(types) + 1))) for i, t in enumerate(types)]
        self.url = self.url_template("mediation:detail")

    def generate(self, g, d, month: date, n: int) -> None:
        r = g.rng
        for _ in range(n):
            track = pick(r, TRACKS)
            street = r.choice(d.streets)
            if track == "administrative":
                unit = d.unit("XZTJ")
            elif track == "people" and r.random() < 0.03:
                unit = d.unit("YHTJ")
            else:
                unit = d.unit(f"TWH-{street}")
            handler = r.choice(d.users.get(f"med:{street}") or d.users.get("fy") or [None])
            opened = g.day_in(month)
            age = (g.today - opened).days
            row = {"id": g.w.next_id(self.model), "track": track, "unit_id": unit, "handler_id": handler,
                   "opened_on": opened, "dispute_type_id": pick(r, self.types),
                   "source": "court" if track == "prelitigation" else pick(r, SOURCES),
                   "summary": "", "amount_involved": Decimal(r.choice((0, 0, 500, 2000, 8000, 30000, 120000))),
                   "persons": r.choice((2, 2, 2, 3, 4)), "risk_criminal": r.random() < 0.01,
                   "risk_group_petition": r.random() < 0.004, "other_routes": [], "agreement_form": ""}
            if track == "prelitigation":
                row.update(court_id=d.unit("FY"), court_reference=f"({opened.year})沪{r.randint(100, 999)}民诉前调"
                           f"{r.randint(1, 99999)}号", referral_kind="delegated", referred_on=opened)
            if track == "administrative":
                row["agency_id"] = d.unit(r.choice(("SCJG", "FGJ", "RSJ", "CGZF", "GAFJ")))
            # outcome: finished within ~3 weeks; the last month's cases are still open
            took = min(int(r.expovariate(1 / 9)) + 1, 90)
            accepted = opened + timedelta(days=r.choice((0, 0, 1, 2)))
            if age < took:
                state = "mediating" if age > 2 else r.choice(("registered", "accepted"))
                closed = agreed = None
                if state == "registered":
                    accepted = None
            else:
                x = r.random()
                state = ("refused" if x < 0.02 else "withdrawn" if x < 0.03 else "failed" if x < 0.063
                         else "performed" if x < 0.80 else "agreed" if x < 0.985 else "breached")
                closed = min(opened + timedelta(days=took), g.today)
                agreed = closed if state in ("agreed", "performed", "breached") else None
                if state == "refused":
                    accepted = None
            row.update(state=state, accepted_on=accepted, agreed_on=agreed, closed_on=closed)
            if agreed:
                row["agreement_form"] = "written" if r.random() < 0.7 else "oral"
            if track == "prelitigation" and closed:
                row.update(court_returned_on=closed, court_result="success" if agreed else "failure")
            kind, fmt = NUMBERS[track]
            row["number"] = g.number(kind=kind, unit_id=unit, year=opened.year, prefix=d.unit_shorts[unit], fmt=fmt)
            if state == "failed":
                row["other_routes"] = [r.choice(("arbitration", "administrative", "court"))]
            created = g.moment(opened)
            g.case(self.model, row, created=created, by=handler, initial_state="registered",
                   changed=g.moment(closed) if closed else None)
            cid = row["id"]
            for role in ("applicant", "respondent"):
                pid = g.party(unit_id=unit, organisation=(role == "respondent" and r.random() < 0.15))
                g.w.add(self.DisputeParty, {"dispute_id": cid, "party_id": pid, "role": role})
            if agreed:
                number = ""
                if row["agreement_form"] == "written":
                    number = g.number(kind="mediation.agreement", unit_id=unit, year=agreed.year,
                                      prefix=d.unit_shorts[unit], fmt="（{year}）{prefix}协字第{n}号")
                g.w.add(self.Agreement, {"dispute_id": cid, "form": row["agreement_form"], "agreed_on": agreed,
                                         "number": number,
                                         "terms": "双方自愿达成协议。", "performance": (
                                             "performed" if state == "performed" else
                                             "breached" if state == "breached" else "pending"),
                                         "performance_on": closed if state in ("performed", "breached") else None})
            label = row["number"]
            g.event(at=created, action="mediation.dispute_registered", model=self.model, object_id=cid,
                    unit_id=unit, actor_id=handler, summary=label, payload={"track": track})
            if accepted:
                g.event(at=g.moment(accepted), action="mediation.dispute_accepted", model=self.model,
                        object_id=cid, unit_id=unit, actor_id=handler, summary=label)
            if closed:
                g.event(at=g.moment(closed), action=f"mediation.dispute_{state}", model=self.model,
                        object_id=cid, unit_id=unit, actor_id=handler, summary=label)
            if track == "prelitigation" and accepted:
                # the court's period runs from signing for the materials (特邀调解规定 第二十七条)
                ended = state in ("refused", "withdrawn")
                g.deadline(model=self.model, case_id=cid, rule=DELEGATED, start=accepted, unit_id=unit,
                           assignee_id=handler, case_label=label, case_url=self.url.format(cid),
                           met_on=closed, cancelled=ended and closed is not None, by=handler)

    # --- benchmarks ------------------------------------------------------------------------------------
    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("open, people's mediation", {"state": "mediating", "track": "people"})]

    # --- import ---------------------------------------------------------------------------------------
    import_kind = "disputes"
    import_user = "mediator"

    def import_file_rows(self, ctx, n: int) -> tuple[list[str], list[tuple]]:
        """`n` valid rows for the committee of the user who imports them (the mediator of 长寿路: an import may
        record disputes only for the committees its user works in), in the column format of docs/import.md."""
        import random

        from sifa.mediation.imports import COLUMNS

        rng = random.Random(n)
        types = list(self.DisputeType_names())
        out = []
        for i in range(n):
            registered = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
            prelit = rng.random() < 0.29
            x = rng.random()
            outcome = "调解成功" if x < 0.93 else "调解不成功" if x < 0.97 else ""
            accepted = registered + timedelta(days=rng.choice((0, 1)))
            session = accepted + timedelta(days=1)
            concluded = session + timedelta(days=rng.randint(0, 20)) if outcome else None
            row = {"登记日期": registered.isoformat(), "调解组织": "PT-TWH-CSL",
                   "纠纷类型": rng.choice(types), "调解类型": "诉前调解" if prelit else "人民调解",
                   "来源": "法院委派" if prelit else "当事人申请", "申请人": f"申请人{i}", "对方当事人": f"对方{i}",
                   "涉及金额": str(rng.choice((0, 500, 3000, 20000))), "涉及人数": "2",
                   "受理日期": accepted.isoformat(), "调解日期": session.isoformat() if outcome else "",
                   "调解结果": outcome,
                   "办结日期": concluded.isoformat() if concluded else "",
                   "协议形式": "书面" if outcome == "调解成功" else "", "履行情况": "", "履行日期": "",
                   "告知途径": "诉讼" if outcome == "调解不成功" else "",
                   "委派法院": "PT-FY" if prelit else "", "法院案号": f"(2026)沪0107民诉前调{i}号" if prelit else "",
                   "委派方式": "委派" if prelit else "", "反馈法院日期": "", "纠纷简述": "相邻关系纠纷"}
            out.append(tuple(row[c.header] for c in COLUMNS))
        return [c.header for c in COLUMNS], out

    def DisputeType_names(self):
        from django.apps import apps

        return apps.get_model("mediation", "DisputeType").objects.filter(active=True).values_list("name", flat=True)

    def raw_insert(self, ctx, csv_path) -> int:
        """The same rows parsed with the csv module and written straight into the dispute table."""
        from django.apps import apps

        from sifa.core.models import Unit
        from sifa.mediation.imports import OUTCOMES, TRACKS

        units = dict(Unit.objects.values_list("code", "pk"))
        types = dict(apps.get_model("mediation", "DisputeType").objects.values_list("name", "pk"))
        states = {"agreed": "agreed", "failed": "failed", "": "accepted"}

        def day(text):
            return date.fromisoformat(text) if text else None

        return self.raw_csv_insert(csv_path, lambda n, c: {
            "number": f"RAW-{n}", "unit_id": units[c["调解组织"]], "state": states[OUTCOMES.get(c["调解结果"], "")],
            "opened_on": day(c["登记日期"]), "track": TRACKS.get(c["调解类型"], "people"),
            "dispute_type_id": types[c["纠纷类型"]], "summary": c["纠纷简述"],
            "amount_involved": Decimal(c["涉及金额"] or 0), "persons": int(c["涉及人数"] or 2),
            "accepted_on": day(c["受理日期"]), "closed_on": day(c["办结日期"]), "court_id": units.get(c["委派法院"]),
            "court_reference": c["法院案号"]})

    def metrics_sql(self, vendor: str) -> list[str]:
        acc = "d.accepted_on BETWEEN %(start)s AND %(end)s"
        agr = "d.agreed_on BETWEEN %(start)s AND %(end)s"
        clo = "d.closed_on BETWEEN %(start)s AND %(end)s"
        risk = "(d.risk_criminal OR d.risk_group_petition)"
        return [f"""
SELECT
  COUNT(*) FILTER (WHERE {acc} AND d.track = 'people') AS "mediation.accepted",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'people') AS "mediation.successful",
  COUNT(*) FILTER (WHERE {clo} AND d.track = 'people' AND d.state IN ('failed', 'withdrawn')) AS "mediation.failed",
  SUM(d.amount_involved) FILTER (WHERE {acc} AND d.track = 'people') AS "mediation.amount_involved",
  SUM(d.amount_involved) FILTER (WHERE {agr} AND d.track = 'people') AS "mediation.amount_agreed",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'people' AND {risk}) AS "mediation.risk_averted",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'people' AND d.risk_criminal) AS "mediation.criminal_risk_averted",
  SUM(d.persons) FILTER (WHERE {agr} AND d.track = 'people' AND d.risk_criminal)
    AS "mediation.criminal_risk_persons",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'people' AND d.risk_group_petition) AS "mediation.group_petition_averted",
  SUM(d.persons) FILTER (WHERE {agr} AND d.track = 'people' AND d.risk_group_petition)
    AS "mediation.group_petition_persons",
  COUNT(*) FILTER (WHERE {acc} AND d.track = 'prelitigation') AS "mediation.prelitigation_started",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'prelitigation') AS "mediation.prelitigation_successful",
  COUNT(*) FILTER (WHERE {acc} AND d.track = 'administrative') AS "mediation.administrative_accepted",
  COUNT(*) FILTER (WHERE {agr} AND d.track = 'administrative') AS "mediation.administrative_successful"
FROM mediation_dispute d JOIN core_unit u ON u.id = d.unit_id
WHERE u.path LIKE %(path)s AND ({acc} OR {agr} OR {clo})""",
                """
SELECT COUNT(*) AS "mediation.police_reports" FROM mediation_policereport p
JOIN mediation_dispute d ON d.id = p.dispute_id JOIN core_unit u ON u.id = d.unit_id
WHERE u.path LIKE %(path)s AND p.reported_on BETWEEN %(start)s AND %(end)s""",
                """
SELECT COUNT(*) FILTER (WHERE r.accepted_on BETWEEN %(start)s AND %(end)s) AS "mediation.centre_accepted",
       COUNT(*) FILTER (WHERE r.resolved_on BETWEEN %(start)s AND %(end)s AND r.successful)
         AS "mediation.centre_successful"
FROM mediation_reception r JOIN core_unit u ON u.id = r.unit_id
WHERE u.path LIKE %(path)s
  AND (r.accepted_on BETWEEN %(start)s AND %(end)s OR r.resolved_on BETWEEN %(start)s AND %(end)s)""",
                """
SELECT COUNT(*) AS "mediation.campaigns" FROM mediation_campaign c JOIN core_unit u ON u.id = c.unit_id
WHERE u.path LIKE %(path)s AND c.held_on BETWEEN %(start)s AND %(end)s""",
                """
SELECT COUNT(*) AS "mediation.campaign_findings" FROM mediation_campaignfinding f
JOIN mediation_campaign c ON c.id = f.campaign_id JOIN core_unit u ON u.id = c.unit_id
WHERE u.path LIKE %(path)s AND f.found_on BETWEEN %(start)s AND %(end)s""",
                """
SELECT COUNT(*) FILTER (WHERE e.selected_on BETWEEN %(start)s AND %(end)s AND e.selected_by = 'ministry')
         AS "mediation.cases_selected",
       COUNT(*) FILTER (WHERE e.published_on BETWEEN %(start)s AND %(end)s) AS "mediation.cases_published"
FROM mediation_excellentcase e JOIN core_unit u ON u.id = e.unit_id
WHERE u.path LIKE %(path)s
  AND (e.selected_on BETWEEN %(start)s AND %(end)s OR e.published_on BETWEEN %(start)s AND %(end)s)"""]
