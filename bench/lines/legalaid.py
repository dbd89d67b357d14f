"""Legal aid (法律援助) and the 12348 line: cases on application (~63%) and on notification (~37%, criminal), in
the seed year's proportions of matter types, with the review, grant (~96%) or refusal, assignment and closing; and
the consultations of every channel, several per case as in the seed (1,659 cases; 5,234 visitors and 8,527 calls
in ten months), written plain and in bulk as the hotline's records are."""

from __future__ import annotations

from datetime import date, timedelta

from .base import LinePlugin
from .mediation import pick

SOURCES = [("application", 0.63), ("notification", 0.37)]
APPLICATION_TYPES = [("civil", 0.78), ("criminal", 0.06), ("administrative", 0.04), ("state_compensation", 0.01),
                     ("non_litigation", 0.11)]
FORMS = {"civil": "litigation", "administrative": "litigation", "state_compensation": "litigation",
         "non_litigation": "non_litigation", "criminal": "criminal_defence"}
CHANNELS = [("window", 0.72), ("online", 0.22), ("forwarded", 0.06)]
CONSULT_CHANNELS = [("call_12348", 0.57), ("walk_in", 0.35), ("online", 0.075), ("letter", 0.005)]
CATEGORIES = [("marriage_family", 0.22), ("labour", 0.24), ("housing", 0.14), ("contract", 0.12), ("tort", 0.08),
              ("consumer", 0.06), ("criminal", 0.04), ("administrative", 0.03), ("legal_aid", 0.05), ("other", 0.02)]
CONSULTATIONS_PER_CASE = 9  # (5,234 + 8,527 + online and letters) ÷ 1,659
FIRMS = ("LS-BHHS",)
EMPTY = {"opposing_party": "", "handling_organ": "", "receipt_number": None, "notifying_organ": "",
         "notifying_unit_id": None, "notice_number": "", "mandatory_ground": "", "materials_requested": "",
         "materials_due": None, "materials_notice_number": "", "decision": "", "decided_on": None,
         "decided_in_time": None, "decision_number": "", "refusal_ground": "", "refusal_reasons": "",
         "provisional_ground": "", "accepted_on": None, "law_firm_id": None, "lawyer": "", "assigned_on": None,
         "assigned_in_time": None, "assignment_number": "", "roster_lawyer_id": None, "rotation_skipped": [],
         "outcome": "", "termination_ground": "", "termination_reasons": "", "termination_number": "",
         "letter_number": "", "letter_sent_on": None, "review_number": "", "subsidy_number": "", "closed_on": None}


class Plugin(LinePlugin):
    line = "legalaid"
    case_model = "legalaid.LegalAidCase"
    share = 0.05
    list_url_name = "legalaid:list"
    narrow_user = "legalaid"

    def setup(self, g) -> None:
        from django.apps import apps

        self.Consultation = apps.get_model("legalaid", "Consultation")

    def generate(self, g, d, month: date, n: int) -> None:
        r = g.rng
        centre = d.unit("FYZX")
        firm = d.unit(FIRMS[0])
        handler = None
        for _ in range(n):
            source = pick(r, SOURCES)
            received = g.day_in(month)
            age = (g.today - received).days
            row = {"id": g.w.next_id(self.model), "unit_id": centre, "handler_id": handler, "opened_on": received,
                   "received_on": received, "source": source, **EMPTY, "rotation_skipped": []}
            if source == "notification":
                row.update(channel="notice", matter_type="criminal", service_form="criminal_defence",
                           matter="涉嫌盗窃罪，审查起诉阶段", notifying_organ=r.choice(("court", "procuratorate", "police")),
                           notice_number=f"通知〔{received.year}〕{r.randint(1, 99999)}号",
                           mandatory_ground=r.choice(("1", "4", "25-2")), accepted_on=received, state="granted")
                start = received
            else:
                matter_type = pick(r, APPLICATION_TYPES)
                row.update(channel=pick(r, CHANNELS), matter_type=matter_type, service_form=FORMS[matter_type],
                           matter="追索劳动报酬", state="received")
                took = r.choice((0, 1, 2, 3, 5, 6, 8))
                if age > took:
                    decided = received + timedelta(days=took)
                    refused = r.random() < 0.04
                    row.update(decided_on=decided, decided_in_time=took <= 7,
                               decision="refused" if refused else "granted",
                               decision_number=f"普法援{'不' if refused else '给'}字〔{decided.year}〕{row['id']}号",
                               state="refused" if refused else "granted")
                    if refused:
                        row.update(refusal_ground="not_hardship", refusal_reasons="家庭人均收入高于标准",
                                   closed_on=decided)
                    else:
                        row["accepted_on"] = decided
                start = row["accepted_on"]
            if start and row["state"] == "granted":
                lag = r.choice((0, 1, 1, 2, 3, 4))
                if (g.today - start).days > lag:
                    assigned = start + timedelta(days=lag)
                    row.update(law_firm_id=firm, lawyer=g.person_name(), assigned_on=assigned,
                               assigned_in_time=lag <= 3, state="assigned",
                               assignment_number=f"普法援指字〔{assigned.year}〕{row['id']}号")
                    took = min(int(r.expovariate(1 / 90)) + 10, 400)
                    if (g.today - assigned).days > took:
                        row.update(state="closed", closed_on=assigned + timedelta(days=took), outcome="已结案")
            row["applicant_id"] = g.party(unit_id=centre)
            row["number"] = g.number(kind="legalaid.case", unit_id=centre, year=received.year,
                                     prefix=d.unit_shorts[centre], fmt="{prefix}〔{year}〕{n}号")
            created = g.moment(received)
            last = row["closed_on"] or row["assigned_on"] or row["decided_on"]
            g.case(self.model, row, created=created, by=handler,
                   initial_state="granted" if source == "notification" else "received",
                   changed=g.moment(last) if last else None)
            g.event(at=created, action="legalaid.notified" if source == "notification" else "legalaid.registered",
                    model=self.model, object_id=row["id"], unit_id=centre, actor_id=handler, summary=row["number"],
                    payload={"source": source})
            for _ in range(CONSULTATIONS_PER_CASE):
                self._consultation(g, centre, month)

    def _consultation(self, g, centre: int, month: date) -> None:
        r = g.rng
        on = g.day_in(month)
        callback = r.random() < 0.04
        done = on + timedelta(days=r.choice((0, 1, 2, 3))) if callback and on + timedelta(days=3) < g.today else None
        g.w.add(self.Consultation, {
            "id": g.w.next_id(self.Consultation), "unit_id": centre, "channel": pick(r, CONSULT_CHANNELS),
            "consulted_on": on, "external_id": "", "name": "", "persons": 1, "category": pick(r, CATEGORIES),
            "question": "", "answer": "", "referral": "legal_aid" if r.random() < 0.05 else "",
            "referred_unit_id": None, "callback_requested": callback,
            "callback_due": on + timedelta(days=2) if callback else None, "callback_attempts": 1 if done else 0,
            "callback_done_on": done, "callback_in_time": (done <= on + timedelta(days=2)) if done else None,
            "satisfaction": "", "handler_id": None, "created_at": g.moment(on)})

    # --- benchmarks ------------------------------------------------------------------------------------
    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("under review", {"state": "received"}),
                ("civil, oldest first", {"matter_type": "civil", "sort": "received"})]

    def metrics_sql(self, vendor: str) -> list[str]:
        acc = "c.accepted_on BETWEEN %(start)s AND %(end)s"
        rec = "c.received_on BETWEEN %(start)s AND %(end)s"
        dec = "c.decided_on BETWEEN %(start)s AND %(end)s"
        asg = "c.assigned_on BETWEEN %(start)s AND %(end)s"
        clo = "c.closed_on BETWEEN %(start)s AND %(end)s"
        day = "k.consulted_on BETWEEN %(start)s AND %(end)s"
        return [f"""
SELECT
  COUNT(*) FILTER (WHERE {acc}) AS "legalaid.cases",
  COUNT(*) FILTER (WHERE {acc} AND c.source = 'application') AS "legalaid.cases_application",
  COUNT(*) FILTER (WHERE {acc} AND c.source = 'notification') AS "legalaid.cases_notification",
  COUNT(*) FILTER (WHERE {acc} AND c.matter_type = 'civil') AS "legalaid.cases_civil",
  COUNT(*) FILTER (WHERE {acc} AND c.matter_type = 'criminal') AS "legalaid.cases_criminal",
  COUNT(*) FILTER (WHERE {rec} AND c.source = 'application') AS "legalaid.applications",
  COUNT(*) FILTER (WHERE {dec} AND c.decision <> '') AS "legalaid.decided",
  COUNT(*) FILTER (WHERE {dec} AND c.decided_in_time) AS "legalaid.decided_in_time",
  COUNT(*) FILTER (WHERE {dec} AND c.decision = 'refused') AS "legalaid.refused",
  COUNT(*) FILTER (WHERE {asg}) AS "legalaid.assigned",
  COUNT(*) FILTER (WHERE {asg} AND c.assigned_in_time) AS "legalaid.assigned_in_time",
  COUNT(*) FILTER (WHERE {clo} AND c.state = 'closed') AS "legalaid.closed"
FROM legalaid_legalaidcase c JOIN core_unit u ON u.id = c.unit_id
WHERE u.path LIKE %(path)s AND ({acc} OR {rec} OR {dec} OR {asg} OR {clo})""", f"""
SELECT
  COUNT(*) AS "legalaid.consultations",
  COUNT(*) FILTER (WHERE k.channel = 'walk_in') AS "legalaid.walk_in",
  COUNT(*) FILTER (WHERE k.channel = 'call_12348') AS "legalaid.calls_12348",
  COUNT(*) FILTER (WHERE k.channel = 'online') AS "legalaid.online",
  COUNT(*) FILTER (WHERE k.channel = 'letter') AS "legalaid.letters",
  COUNT(*) FILTER (WHERE k.callback_requested) AS "legalaid.callbacks",
  COUNT(*) FILTER (WHERE k.callback_in_time) AS "legalaid.callbacks_in_time"
FROM legalaid_consultation k JOIN core_unit u ON u.id = k.unit_id
WHERE u.path LIKE %(path)s AND {day}"""]
