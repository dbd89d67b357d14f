"""Enforcement supervision (行政执法监督): certificate applications in the seed year's proportions (601 decided to
10-31, of which 384 cancellations, 180 new, 25 renewals, 12 replacements; 161 certificates issued), each for an officer
of a district agency, with its review clock; and the legality reviews and filings of normative documents, about one
for every fifteen applications (the seed gives no figure for them: illustrative)."""

from __future__ import annotations

from datetime import timedelta

from .base import LinePlugin

# (kind, share, outcome weights: issued, cancelled, refused)
KINDS = [("new", 0.30, (0.72, 0.0, 0.28)), ("renewal", 0.04, (0.8, 0.0, 0.2)),
         ("replacement", 0.02, (0.92, 0.0, 0.08)), ("cancellation", 0.64, (0.0, 1.0, 0.0))]
AGENCIES = ("SCJG", "WLJ", "FGJ", "CGZF", "STHJ", "RSJ", "WJW", "MZJ", "JYJ", "GAFJ")
POSTS = ("市场监管执法", "城管执法", "文化市场执法", "生态环境执法", "卫生监督")
REVIEW = "enforcement.certificate_review"
LEGALITY = "enforcement.legality_document"
FILING = "enforcement.filing_review"


def pick(rng, table):
    x, acc = rng.random(), 0.0
    for value, w in table:
        acc += w
        if x < acc:
            return value
    return table[-1][0]


class Plugin(LinePlugin):
    line = "enforcement"
    case_model = "enforcement.CertificateApplication"
    share = 0.02
    list_url_name = "enforcement:list"
    narrow_user = "zhifa"

    def setup(self, g) -> None:
        from django.apps import apps

        self.Officer = apps.get_model("enforcement", "Officer")
        self.Legality = apps.get_model("enforcement", "LegalityReview")
        self.Filing = apps.get_model("enforcement", "NormativeFiling")
        self.url = self.url_template("enforcement:detail")
        self.legality_url = self.url_template("enforcement:legality")
        self.filing_url = self.url_template("enforcement:filing")
        self.filings = 0

    def generate(self, g, d, month, n: int) -> None:
        r = g.rng
        unit = d.unit("SFJ-ZF")
        handler = (d.users.get("head") or [None])[0]
        for _ in range(n):
            kind = pick(r, [(k, s) for k, s, _w in KINDS])
            weights = next(w for k, _s, w in KINDS if k == kind)
            outcome = pick(r, list(zip(("issued", "cancelled", "refused"), weights, strict=True)))
            agency = d.unit(r.choice(AGENCIES))
            received = g.day_in(month)
            took = r.choice((3, 7, 10, 14, 20, 30))
            decided = received + timedelta(days=took)
            if decided > g.today:
                decided, state = None, "received"
            else:
                state = outcome
            person = g.party(unit_id=unit)
            holder = kind != "new" or state == "issued"
            officer_id = g.w.next_id(self.Officer)
            officer = g.w.add(self.Officer, {
                "id": officer_id, "unit_id": unit, "agency_id": agency, "person_id": person,
                "staff_number": "", "post": r.choice(POSTS), "qualification": r.choice(
                    ("legal_profession", "law_degree", "other_degree")),
                "certificate_number": f"{d.code}执{officer_id:07d}" if state == "issued" else "",
                "certificate_status": ("cancelled" if state == "cancelled" else
                                                                "valid" if holder else ""),
                "issued_on": decided if state == "issued" else None, "on_post": state != "cancelled",
                "under_investigation": False, "sanctioned": False, "version": 1})
            number = g.number(kind="enforcement.application", unit_id=unit, year=received.year,
                              prefix=d.unit_shorts[unit], fmt="{prefix}证〔{year}〕{n}号")
            score = r.randint(60, 98) if kind == "new" and state == "issued" else (
                r.randint(30, 59) if kind == "new" and state == "refused" else None)
            row = {"id": g.w.next_id(self.model), "number": number, "unit_id": unit, "state": state,
                   "handler_id": handler, "opened_on": received, "closed_on": decided, "kind": kind,
                   "agency_id": agency, "officer_id": officer["id"], "post": officer["post"],
                   "qualification": officer["qualification"], "received_on": received,
                   "reason": "调离执法岗位" if kind == "cancellation" else "", "trained_on": None,
                   "exam_on": received if score is not None else None, "exam_score": score,
                   "pass_mark": 60 if score is not None else None, "decided_on": decided,
                   "decided_in_time": (took <= 28) if decided else None,
                   "opinion": "经审核，符合条件。" if decided else "", "opinion_number": "",
                   "certificate_number": officer["certificate_number"]}
            g.case(self.model, row, created=g.moment(received), by=handler, initial_state="received",
                   changed=g.moment(decided) if decided else None)
            g.event(at=g.moment(received), action="enforcement.registered", model=self.model, object_id=row["id"],
                    unit_id=unit, actor_id=handler, summary=number, payload={"kind": kind})
            g.deadline(model=self.model, case_id=row["id"], rule=REVIEW, start=received, unit_id=unit,
                       assignee_id=handler, case_label=number, case_url=self.url.format(row["id"]), met_on=decided,
                       by=handler)
            if r.random() < 1 / 15:
                self._legality(g, d, unit, handler, received)

    def _legality(self, g, d, unit, handler, received) -> None:
        r = g.rng
        body = d.unit(r.choice(AGENCIES))
        reviewed = received + timedelta(days=r.choice((3, 5, 7, 10)))
        reviewed = reviewed if reviewed <= g.today else None
        rid = g.w.next_id(self.Legality)
        g.w.add(self.Legality, {
            "id": rid, "unit_id": unit, "subject": r.choice(("major_decision", "normative_document")),
            "title": "规范性文件草案", "submitted_by_id": body, "received_on": received, "due": None,
            "reviewed_on": reviewed, "in_time": True if reviewed else None,
            "conclusion": r.choice(("lawful", "lawful", "amend")) if reviewed else "",
            "opinion": "经审查，未发现合法性问题。" if reviewed else "", "opinion_number": "",
            "working_days_taken": None, "version": 1})
        g.deadline(model=self.Legality, case_id=rid, rule=LEGALITY, start=received, unit_id=unit, assignee_id=handler,
                   case_label="规范性文件草案", case_url=self.legality_url.format(rid), met_on=reviewed, by=handler)
        self.filings += 1
        published = received - timedelta(days=r.choice((3, 10, 20, 35)))
        concluded = received + timedelta(days=r.choice((10, 20, 28)))
        concluded = concluded if concluded <= g.today else None
        problem = concluded is not None and r.random() < 0.1
        fid = g.w.next_id(self.Filing)
        g.w.add(self.Filing, {
            "id": fid, "unit_id": unit, "title": "规范性文件", "document_number": f"规〔{received.year}〕{self.filings}号",
            "issued_by_id": body, "published_on": published, "filed_on": received,
            "filed_in_time": (received - published).days <= 30,
            "state": "under_review" if concluded is None else "correction" if problem else "closed",
            "reviewed_on": concluded, "reviewed_in_time": True if concluded else None,
            "problem_found": problem if concluded else None, "opinion": "予以备案。" if concluded else "",
            "opinion_number": "", "correction_due": concluded + timedelta(days=30) if problem else None,
            "corrected_on": None, "correction_note": "", "revocation_due": None, "revoked_on": None,
            "revocation_number": "", "outcome": "no_issue" if concluded and not problem else "", "version": 1})
        g.deadline(model=self.Filing, case_id=fid, rule=FILING, start=received, unit_id=unit, assignee_id=handler,
                   case_label="规范性文件", case_url=self.filing_url.format(fid), met_on=concluded, by=handler)

    # --- benchmarks ------------------------------------------------------------------------------------
    def list_queries(self) -> list[tuple[str, dict]]:
        return [("newest first", {}), ("cancellations under review", {"kind": "cancellation", "state": "received"})]

    def metrics_sql(self, vendor: str) -> list[str]:
        dec = "a.decided_on BETWEEN %(start)s AND %(end)s"
        return [f"""
SELECT
  COUNT(*) FILTER (WHERE {dec}) AS "enforcement.applications_reviewed",
  COUNT(*) FILTER (WHERE {dec} AND a.kind = 'new') AS "enforcement.applications_new",
  COUNT(*) FILTER (WHERE {dec} AND a.kind = 'renewal') AS "enforcement.applications_renewal",
  COUNT(*) FILTER (WHERE {dec} AND a.kind = 'cancellation') AS "enforcement.applications_cancellation",
  COUNT(*) FILTER (WHERE {dec} AND a.kind = 'replacement') AS "enforcement.applications_replacement",
  COUNT(*) FILTER (WHERE {dec} AND a.state = 'issued') AS "enforcement.certificates_issued",
  COUNT(*) FILTER (WHERE {dec} AND a.state = 'cancelled') AS "enforcement.certificates_cancelled",
  COUNT(*) FILTER (WHERE {dec} AND a.state = 'refused') AS "enforcement.applications_refused",
  COUNT(*) FILTER (WHERE {dec} AND a.decided_in_time) AS "enforcement.reviewed_in_time"
FROM enforcement_certificateapplication a JOIN core_unit u ON u.id = a.unit_id
WHERE u.path LIKE %(path)s AND {dec}""",
                """
SELECT COUNT(*) AS "enforcement.legality_reviews",
       COUNT(*) FILTER (WHERE l.in_time) AS "enforcement.legality_in_time"
FROM enforcement_legalityreview l JOIN core_unit u ON u.id = l.unit_id
WHERE u.path LIKE %(path)s AND l.reviewed_on BETWEEN %(start)s AND %(end)s""",
                """
SELECT COUNT(*) AS "enforcement.filings",
       COUNT(*) FILTER (WHERE NOT f.filed_in_time) AS "enforcement.filings_late"
FROM enforcement_normativefiling f JOIN core_unit u ON u.id = f.unit_id
WHERE u.path LIKE %(path)s AND f.filed_on BETWEEN %(start)s AND %(end)s"""]
