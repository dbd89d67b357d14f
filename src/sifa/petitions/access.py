"""Who may open each page of the petitions line: its entries of the authorisation table (`sifa.core.authorisation`;
tests/core/test_authorisation_matrix.py holds the code to it). The sample records lie in the bureau's 办公室."""

from sifa.core.authorisation import only, post_only

PETITIONS = frozenset({"leader", "xinfang"})  # petitions.view_petition: the petitions staff and the leader
PETITIONS_EDIT = frozenset({"xinfang"})

MATRIX = {
    "petitions:list": only(PETITIONS),
    "petitions:new": only(PETITIONS_EDIT),
    "petitions:detail": only(PETITIONS),
    "petitions:action": only(PETITIONS, note="the leader approves extensions; other steps say why not"),
    "petitions:document": only(PETITIONS),
    "api:petitions_orders": post_only(anonymous=405),
    "api:petitions_order": only(PETITIONS, anonymous=401),
}
