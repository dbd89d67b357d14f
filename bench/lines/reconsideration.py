"""Administrative reconsideration (行政复议): applications through review, acceptance and conclusion, in the
proportions of the seed year (302 received = 35 resolved before acceptance + 252 accepted + 15 not accepted;
about half of the concluded cases mediated; ~40% with a hearing or interview)."""

from __future__ import annotations

from datetime import date, timedelta

from .base import LinePlugin
from .mediation import pick

RESPONDENTS = [("GAFJ-JJ", 0.38), ("GAFJ", 0.18), ("SCJG", 0.12), ("FGJ", 0.08), ("CGZF", 0.08), ("RSJ", 0.05),
               ("GHZYJ", 0.04), ("STHJ", 0.03), ("WJW", 0.02), ("JYJ", 0.02)]
ACT_KINDS = [("penalty", 0.55), ("information", 0.12), ("complaint", 0.12), ("nonperformance", 0.06),
             ("confirmation", 0.04), ("licensing", 0.04), ("coercion", 0.03), ("other", 0.04)]
REVIEW = [("pre_acceptance_resolved", 0.116), ("not_accepted", 0.05), ("abandoned", 0.01), ("accepted", 0.824)]
OUTCOMES = [("mediation", 0.40), ("mediated_withdrawal", 0.11), ("decision", 0.40), ("withdrawal", 0.05),
            ("settlement", 0.02), ("termination", 0.02)]
DECISIONS = [("WC", 0.62), ("BH", 0.12), ("BHSQ", 0.12), ("CX", 0.08), ("QRWF", 0.04), ("BG", 0.01), ("ZLLX", 0.01)]
DIRECT = {"BG", "CX", "QRWF", "ZLLX", "QRWX"}
STATE_OF_OUTCOME = {"mediation": "mediated", "mediated_withdrawal": "mediated", "decision": "served",
                    "withdrawal": "terminated", "settlement": "terminated", "termination": "terminated"}


def year(col: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"EXTRACT(YEAR FROM {col})"
    return f"CAST(strftime('%%Y', {col}) AS integer)"


class Plugin(LinePlugin):
    line = "reconsideration"
    case_model = "reconsideration.Application"
    share = 0.035
    list_url_name = "reconsideration:list"
    narrow_user = "handler"

    def setup(self, g) -> None:
        from django.apps import apps

        self.CaseParty = apps.get_model("reconsideration", "CaseParty")
        self.Hearing = apps.get_model("reconsideration", "Hearing")
        areas = list(apps.get_model("reconsideration", "SubjectArea").objects.values_list("pk", flat=True))
        self.areas = areas or [None]
        self.url = self.url_template("reconsideration:detail")

    def generate(self, g, d, month: date, n: int) -> None:
        r = g.rng
        unit = d.unit("SFJ-FY")
        prefix = d.unit_shorts[unit]
        handlers = d.users.get("fy") or [None]
        for _ in range(n):
            handler = r.choice(handlers)
            received = g.day_in(month)
            age = (g.today - received).days
            review = pick(r, REVIEW)
            review_days = r.choice((0, 1, 2, 3, 4, 5))
            row = {"id": g.w.next_id(self.model), "unit_id": unit, "handler_id": handler, "opened_on": received,
                   "received_on": received, "channel": r.choice(("counter", "counter", "post", "online")),
                   "respondent_id": d.unit(pick(r, RESPONDENTS)), "act_kind_id": pick(r, ACT_KINDS),
                   "subject_area_id": r.choice(self.areas), "act_description": "不服行政处罚决定",
                   "request": "请求撤销该具体行政行为。", "major": r.random() < 0.03}
            row["number"] = g.number(kind="reconsideration.case", unit_id=unit, year=received.year, prefix=prefix)
            cid, label = row["id"], row["number"]
            concluded = accepted = None
            if age <= review_days + 2:
                row.update(state="received", review_outcome="")
                review_end = None
            else:
                review_end = received + timedelta(days=review_days)
                row.update(review_outcome=review, review_ended_on=review_end)
                if review != "accepted":
                    row.update(state=review, closed_on=review_end)
                else:
                    accepted = review_end
                    # the simplified procedure exists from the 2023 revision (in force 2024-01-01)
                    simplified = accepted >= date(2024, 1, 1) and r.random() < 0.3
                    procedure = "simplified" if simplified else "ordinary"
                    limit = 30 if procedure == "simplified" else 60
                    took = min(int(r.triangular(10, limit + 20, limit * 0.7)), limit + 25)
                    row.update(accepted_on=accepted, procedure=procedure, copy_sent_on=accepted + timedelta(days=2))
                    if age - review_days > took:
                        concluded = accepted + timedelta(days=took)
                        outcome = pick(r, OUTCOMES)
                        decision = pick(r, DECISIONS) if outcome == "decision" else ""
                        row.update(state=STATE_OF_OUTCOME[outcome], outcome=outcome, decision_type=decision,
                                   direct_correction=decision in DIRECT, concluded_on=concluded, closed_on=concluded,
                                   served_on=concluded + timedelta(days=3) if outcome == "decision" else None)
                    else:
                        row["state"] = "suspended" if r.random() < 0.04 else "hearing"
            g.case(self.model, row, created=g.moment(received), by=handler, initial_state="received",
                   changed=g.moment(row["closed_on"]) if row.get("closed_on") else None)
            pid = g.party(unit_id=unit)
            g.w.add(self.CaseParty, {"case_id": cid, "party_id": pid, "role": "applicant",
                                     "representative_kind": ""})
            g.event(at=g.moment(received), action="reconsideration.registered", model=self.model, object_id=cid,
                    unit_id=unit, actor_id=handler, summary=label)
            common = {"model": self.model, "case_id": cid, "unit_id": unit, "assignee_id": handler,
                      "case_label": label, "case_url": self.url.format(cid), "by": handler}
            g.deadline(rule="reconsideration.acceptance_review", start=received, met_on=review_end, **common)
            if review_end:
                g.event(at=g.moment(review_end), action=f"reconsideration.{review}", model=self.model,
                        object_id=cid, unit_id=unit, actor_id=handler, summary=label)
            if accepted:
                rule = ("reconsideration.decision_simplified" if row["procedure"] == "simplified"
                        else "reconsideration.decision_ordinary")
                g.deadline(rule=rule, start=accepted, met_on=concluded, **common)
                if r.random() < 0.40 and (concluded or age > 20):
                    held = accepted + timedelta(days=r.randint(7, 25))
                    if held <= g.today:
                        g.w.add(self.Hearing, {"case_id": cid, "kind": r.choice(("hearing", "interview")),
                                               "state": "held", "scheduled_for": held, "held_on": held,
                                               "unit_id": unit, "respondent_id": row["respondent_id"],
                                               "act_kind_id": row["act_kind_id"]})
            if concluded:
                g.event(at=g.moment(concluded), action=f"reconsideration.concluded.{row['outcome']}",
                        model=self.model, object_id=cid, unit_id=unit, actor_id=handler, summary=label)

    # --- benchmarks ------------------------------------------------------------------------------------
    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("under review, by respondent", {"state": "hearing", "sort": "-received"})]

    # --- import ---------------------------------------------------------------------------------------
    import_kind = "applications"
    import_user = "fuyi_head"

    def import_file_rows(self, ctx, n: int) -> tuple[list[str], list[tuple]]:
        """`n` valid rows for the district's reconsideration office, in the column format of docs/import.md: most
        accepted (some concluded by decision or mediation), some not accepted, a few still under review."""
        import random

        from sifa.reconsideration.imports import COLUMNS

        rng = random.Random(n)
        respondents = ["PT-GAFJ", "PT-SCJG", "PT-FGJ", "PT-RSJ"]
        out = []
        for i in range(n):
            received = date(2026, 1, 5) + timedelta(days=rng.randrange(280))
            x = rng.random()
            review = "受理" if x < 0.85 else "不予受理" if x < 0.95 else ""
            reviewed = received + timedelta(days=rng.choice((1, 2, 3))) if review else None
            y = rng.random()
            outcome = ("决定" if y < 0.35 else "调解" if y < 0.6 else "") if review == "受理" else ""
            concluded = reviewed + timedelta(days=rng.randint(10, 50)) if outcome else None
            row = {"收到日期": received.isoformat(), "复议机构": "PT-SFJ-FY", "申请方式": "窗口递交",
                   "申请人": f"申请人{i}", "被申请人": rng.choice(respondents), "行为类别": "行政处罚", "涉及领域": "",
                   "被申请行为": f"行政处罚决定{i}", "行为文号": "", "行为日期": "", "涉案金额": "",
                   "复议请求": "请求撤销该行政处罚决定。", "重大复杂": "否", "审查结果": review,
                   "审查日期": reviewed.isoformat() if reviewed else "",
                   "不予受理理由": "不属于行政复议范围。" if review == "不予受理" else "",
                   "审理程序": "普通程序" if review == "受理" else "", "简易程序理由": "", "审结方式": outcome,
                   "决定类型": "维持" if outcome == "决定" else "", "审结日期": concluded.isoformat() if concluded else "",
                   "送达日期": ""}
            out.append(tuple(row[c.header] for c in COLUMNS))
        return [c.header for c in COLUMNS], out

    def raw_insert(self, ctx, csv_path) -> int:
        """The same rows parsed with the csv module and written straight into the application table."""
        from sifa.core.models import Unit
        from sifa.reconsideration.imports import REVIEW

        units = dict(Unit.objects.values_list("code", "pk"))
        states = {"accepted": "hearing", "not_accepted": "not_accepted", "": "received"}

        def day(text):
            return date.fromisoformat(text) if text else None

        return self.raw_csv_insert(csv_path, lambda n, c: {
            "number": f"RAW-{n}", "unit_id": units[c["复议机构"]], "state": states[REVIEW.get(c["审查结果"], "")],
            "opened_on": day(c["收到日期"]), "received_on": day(c["收到日期"]), "channel": "counter",
            "respondent_id": units[c["被申请人"]], "act_kind_id": "penalty", "act_description": c["被申请行为"],
            "request": c["复议请求"], "review_outcome": REVIEW.get(c["审查结果"], ""),
            "review_ended_on": day(c["审查日期"]), "concluded_on": day(c["审结日期"])})

    def metrics_sql(self, vendor: str) -> list[str]:
        direct = ", ".join(f"'{t}'" for t in sorted(DIRECT))
        return [f"""
SELECT
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s) AS "reconsideration.received",
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s
                   AND a.review_outcome = 'pre_acceptance_resolved') AS "reconsideration.pre_acceptance_resolved",
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s
                   AND a.review_outcome = 'accepted') AS "reconsideration.accepted",
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s
                   AND a.review_outcome = 'not_accepted') AS "reconsideration.not_accepted",
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s
                   AND a.review_outcome = 'abandoned') AS "reconsideration.abandoned",
  COUNT(*) FILTER (WHERE a.received_on BETWEEN %(start)s AND %(end)s
                   AND a.review_outcome = '') AS "reconsideration.under_review",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s) AS "reconsideration.concluded",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s AND {year("a.accepted_on", vendor)}
                   < {year("a.concluded_on", vendor)}) AS "reconsideration.carried_over_concluded",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s
                   AND a.outcome IN ('mediation', 'mediated_withdrawal')) AS "reconsideration.mediated",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s
                   AND a.outcome IN ('settlement', 'withdrawal')) AS "reconsideration.settled_withdrawn",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s
                   AND a.outcome = 'decision') AS "reconsideration.decided",
  COUNT(*) FILTER (WHERE a.concluded_on BETWEEN %(start)s AND %(end)s AND a.outcome = 'decision'
                   AND a.decision_type IN ({direct})) AS "reconsideration.direct_corrections"
FROM reconsideration_application a JOIN core_unit u ON u.id = a.unit_id
WHERE u.path LIKE %(path)s
  AND (a.received_on BETWEEN %(start)s AND %(end)s OR a.concluded_on BETWEEN %(start)s AND %(end)s)""",
                """
SELECT COUNT(*) AS "reconsideration.hearings_interviews"
FROM reconsideration_hearing h JOIN core_unit u ON u.id = h.unit_id
WHERE u.path LIKE %(path)s AND h.held_on BETWEEN %(start)s AND %(end)s AND h.state = 'held'"""]
