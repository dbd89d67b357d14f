"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`, where
the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).

Correction records are among the most sensitive of sifa: only the correction staff see them (the demo's
`jiaozheng`, of the district's correction division, sees every justice office's persons); the bureau's leader,
the other lines' staff and the statistics viewer get 403."""

from sifa.core.authorisation import only, post_only

STAFF = frozenset({"jiaozheng"})

MATRIX = {
    "correction:list": only(STAFF),
    "correction:new": only(STAFF),
    "correction:detail": only(STAFF),
    "correction:action": only(STAFF),
    "correction:document": only(STAFF),
    "correction:sessions": only(STAFF),
    "correction:session_new": only(STAFF),
    "correction:session": only(STAFF),
    "correction:releases": only(STAFF),
    "correction:release_new": only(STAFF),
    "correction:release": only(STAFF),
    "correction:release_document": only(STAFF),
    "correction:assessments": only(STAFF),
    "correction:assessment_new": only(STAFF),
    "correction:assessment": only(STAFF),
    "correction:assessment_action": only(STAFF),
    # the JSON route (/api/correction/): the check-in system's batch, POST only
    "api:correction_checkins": post_only(anonymous=405),
}
