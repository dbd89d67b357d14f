"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`;
tests/core/test_authorisation_matrix.py holds the code to it). Found through `core.lines.Line.access`.

The sample records lie in 法治督察与执法监督科 (PT-SFJ-ZF). Its demo user (`zhifa`, a case handler there) is not one
of the matrix's users; of them, the case handlers and the division head hold enforcement's permissions but not the
division (lists answer 200 and are empty for them, a record 404), and the leader sees the whole district."""

from sifa.core.authorisation import Access

WITH_PERMS = frozenset({"leader", "fuyi_head", "handler", "handler2", "yingsu"})
EDITORS = WITH_PERMS - {"leader"}  # add_/change_: handlers and the division head
OTHERS = EDITORS  # they hold the permission, the records are outside their units


def listing() -> Access:
    return Access(ok=WITH_PERMS)


def record() -> Access:
    return Access(ok=frozenset({"leader"}), hidden=OTHERS)


def new() -> Access:
    return Access(ok=EDITORS)


MATRIX = {
    "enforcement:list": listing(),
    "enforcement:detail": record(),
    "enforcement:action": record(),
    "enforcement:document": record(),
    "enforcement:officers": listing(),
    "enforcement:officer_new": new(),
    "enforcement:officer": record(),
    "enforcement:campaigns": listing(),
    "enforcement:campaign_new": new(),
    "enforcement:campaign": record(),
    "enforcement:bulletin": record(),
    "enforcement:file": record(),
    "enforcement:rectifications": listing(),
    "enforcement:rectification": record(),
    "enforcement:rectification_document": record(),
    "enforcement:work_items": listing(),
    "enforcement:work_item_new": new(),
    "enforcement:work_item": record(),
    "enforcement:agreements": listing(),
    "enforcement:agreement_new": new(),
    "enforcement:agreement": record(),
    "enforcement:agreement_document": record(),
    "enforcement:legality_list": listing(),
    "enforcement:legality_new": new(),
    "enforcement:legality": record(),
    "enforcement:legality_document": record(),
    "enforcement:filings": listing(),
    "enforcement:filing_new": new(),
    "enforcement:catalogue": listing(),
    "enforcement:filing": record(),
    "enforcement:filing_document": record(),
    # the scoring sheets are the bureau's data, not a unit's: the division head keeps them, everyone with the line's
    # permissions reads them
    "enforcement:sheets": listing(),
    "enforcement:sheet_new": Access(ok=frozenset({"fuyi_head"})),
    "enforcement:sheet": Access(ok=frozenset(), hidden=frozenset({"fuyi_head"})),
}
