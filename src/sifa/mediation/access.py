"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`,
where the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).
Found through the line's declaration (`core.lines.Line.access`)."""

from sifa.core.authorisation import _CSL, MEDIATION, MEDIATION_EDIT, MEDIATION_STATISTICS, only, post_only

MATRIX = {
    "mediation:list": only(MEDIATION),
    "mediation:new": only(MEDIATION_EDIT),
    "mediation:detail": only(MEDIATION & _CSL, hidden=MEDIATION - _CSL),
    "mediation:act": post_only(),
    "mediation:agreement_docx": only(MEDIATION & _CSL, hidden=MEDIATION - _CSL),
    "mediation:termination_docx": only(MEDIATION & _CSL, hidden=MEDIATION - _CSL),
    "mediation:prelitigation": only(MEDIATION),
    "mediation:centre": only(MEDIATION),
    "mediation:reception": only(MEDIATION & _CSL, hidden=MEDIATION - _CSL),
    "mediation:reception_route": post_only(),
    "mediation:routing_act": post_only(),
    "mediation:campaigns": only(MEDIATION),
    "mediation:campaign": only(MEDIATION & _CSL, hidden=MEDIATION - _CSL),
    "mediation:cases": only(MEDIATION),
    "mediation:case_act": post_only(),
    "mediation:stats": only(MEDIATION_STATISTICS),
    "mediation:organisations": only(MEDIATION),
}
