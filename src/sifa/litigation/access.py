"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`,
where the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).
Found through the line's declaration (`core.lines.Line.access`)."""

from sifa.core.authorisation import _YS, LITIGATION, LITIGATION_EDIT, only, post_only

MATRIX = {
    "litigation:list": only(LITIGATION),
    "litigation:new": only(LITIGATION_EDIT),
    "litigation:detail": only(_YS, hidden=LITIGATION - _YS),
    "litigation:act": post_only(),
    "litigation:answer_docx": only(_YS, hidden=LITIGATION - _YS),
    "litigation:appearance_docx": only(_YS, hidden=LITIGATION - _YS),
    "litigation:hearings": only(LITIGATION),
    "litigation:quarterly": only(LITIGATION),
    "litigation:suggestions": only(LITIGATION),
    "litigation:suggestion_new": only(LITIGATION_EDIT),
    "litigation:suggestion": only(_YS, hidden=LITIGATION - _YS),
    "litigation:cities": only(LITIGATION),
    "litigation:city_new": only(LITIGATION_EDIT),
    "litigation:city": only(_YS, hidden=LITIGATION - _YS),
    "litigation:sessions": only(LITIGATION),
    "litigation:session_new": only(LITIGATION_EDIT),
}
