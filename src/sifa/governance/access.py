"""Who may open each page of governance: its entries of the authorisation table (`sifa.core.authorisation`).
The work is the office's (依法治区办, in 普法与依法治理科: the demo user `pufa`); the leader reads it. The sample
records lie in 普法与依法治理科."""

from sifa.core.authorisation import everyone, only

GOVERNANCE = frozenset({"leader", "pufa"})
GOVERNANCE_EDIT = frozenset({"pufa"})

MATRIX = {
    "governance:list": only(GOVERNANCE),
    "governance:figure": everyone(404, note="without ?metric= there is no figure to follow"),
    "governance:task_new": only(GOVERNANCE_EDIT),
    "governance:task": only(GOVERNANCE),
    "governance:inspections": only(GOVERNANCE),
    "governance:inspection_new": only(GOVERNANCE_EDIT),
    "governance:inspection": only(GOVERNANCE),
    "governance:inspection_action": only(GOVERNANCE_EDIT),
    "governance:document": only(GOVERNANCE),
    "governance:points": only(GOVERNANCE),
    "governance:point_new": only(GOVERNANCE_EDIT),
    "governance:point": only(GOVERNANCE),
    "governance:observations": only(GOVERNANCE),
    "governance:observation": only(GOVERNANCE),
    "governance:topics": only(GOVERNANCE),
    "governance:topic_new": only(GOVERNANCE_EDIT),
    "governance:topic": only(GOVERNANCE),
    "governance:topic_action": only(GOVERNANCE_EDIT),
    "governance:schemes": only(GOVERNANCE),
    "governance:scheme": only(GOVERNANCE),
    "governance:scheme_new": only(GOVERNANCE_EDIT),
    "governance:scheme_enrol": only(GOVERNANCE_EDIT),
    "governance:scheme_results": only(GOVERNANCE),
    "governance:assessment": only(GOVERNANCE),
}
