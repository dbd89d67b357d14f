"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`,
where the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).
Found through the line's declaration (`core.lines.Line.access`). The sample records lie in 上海市普陀公证处."""

from sifa.core.authorisation import only, post_only

NOTARY = frozenset({"leader", "notary"})  # notary.view_notarisation: the office's staff, and the bureau's leader
NOTARY_EDIT = frozenset({"notary"})

MATRIX = {
    "notary:list": only(NOTARY),
    "notary:new": only(NOTARY_EDIT),
    "notary:monthly": only(NOTARY),
    "notary:roster": only(NOTARY),
    "notary:roster_new": only(NOTARY_EDIT),
    "notary:roster_edit": only(NOTARY_EDIT),
    "notary:detail": only(NOTARY),
    "notary:action": only(NOTARY, note="the leader sees why the step is not theirs"),
    "notary:document": only(NOTARY),
    "api:notary_applications": post_only(anonymous=405),
    "api:notary_application": only(NOTARY, anonymous=401),
}
