"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`,
where the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).
Found through the line's declaration (`core.lines.Line.access`)."""

from sifa.core.authorisation import _FY, RECONSIDERATION, RECONSIDERATION_EDIT, only

MATRIX = {
    "reconsideration:list": only(RECONSIDERATION),
    "reconsideration:new": only(RECONSIDERATION_EDIT),
    "reconsideration:detail": only(_FY, hidden=RECONSIDERATION - _FY),
    "reconsideration:action": only(_FY, hidden=RECONSIDERATION - _FY),
    "reconsideration:document": only(_FY, hidden=RECONSIDERATION - _FY),
    "reconsideration:attachment": only(_FY, hidden=RECONSIDERATION - _FY),
    "reconsideration:meetings": only(RECONSIDERATION),
    "reconsideration:meeting_new": only(RECONSIDERATION_EDIT),
    "reconsideration:meeting": only(_FY, hidden=RECONSIDERATION - _FY),
    "reconsideration:meeting_record": only(_FY - {"leader"}, hidden=RECONSIDERATION_EDIT - _FY),
}
