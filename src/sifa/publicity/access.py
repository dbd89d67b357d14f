"""Who may open each page of publicity: its entries of the authorisation table (`sifa.core.authorisation`). The
work is 普法与依法治理科's (the demo user `pufa`); the leader reads it. The sample records lie in that division."""

from sifa.core.authorisation import everyone, only

PUBLICITY = frozenset({"leader", "pufa"})
PUBLICITY_EDIT = frozenset({"pufa"})

MATRIX = {
    "publicity:list": only(PUBLICITY),
    "publicity:figure": everyone(404, note="without ?metric= there is no figure to follow"),
    "publicity:activity_new": only(PUBLICITY_EDIT),
    "publicity:activity": only(PUBLICITY),
    "publicity:responsibilities": only(PUBLICITY),
    "publicity:responsibility_new": only(PUBLICITY_EDIT),
    "publicity:responsibility": only(PUBLICITY),
    "publicity:plan_document": only(PUBLICITY),
    "publicity:review_document": only(PUBLICITY),
    "publicity:projects": only(PUBLICITY),
    "publicity:project_new": only(PUBLICITY_EDIT),
    "publicity:study_lists": only(PUBLICITY),
    "publicity:study_list_new": only(PUBLICITY_EDIT),
    "publicity:study_list": only(PUBLICITY),
}
