"""Who may open each page of the lawyers' line (`sifa.core.authorisation`; tests/core/test_authorisation_matrix.py).
The sample records lie in 公共法律服务管理科 (the bureau's division that supervises lawyers and appraisal)."""

from sifa.core.authorisation import only, public

PROFESSIONS = frozenset({"leader", "lvguan"})  # lawyers.view_*: the division's supervisor, and the leader
PROFESSIONS_EDIT = frozenset({"lvguan"})

MATRIX = {
    "lawyers:list": only(PROFESSIONS),
    "lawyers:matter_new": only(PROFESSIONS_EDIT),
    "lawyers:matter": only(PROFESSIONS),
    "lawyers:matter_action": only(PROFESSIONS, note="the leader sees why the step is not theirs"),
    "lawyers:matter_document": only(PROFESSIONS),
    "lawyers:complaints": only(PROFESSIONS),
    "lawyers:complaint_new": only(PROFESSIONS_EDIT),
    "lawyers:complaint": only(PROFESSIONS),
    "lawyers:complaint_action": only(PROFESSIONS, note="the leader sees why the step is not theirs"),
    "lawyers:complaint_document": only(PROFESSIONS),
    "lawyers:penalty_new": only(PROFESSIONS_EDIT),
    "lawyers:penalties": only(PROFESSIONS),
    "lawyers:penalty": only(PROFESSIONS),
    "lawyers:penalty_document": only(PROFESSIONS),
    "lawyers:firms": only(PROFESSIONS),
    "lawyers:firm": only(PROFESSIONS),
    "lawyers:lawyer": only(PROFESSIONS),
    "lawyers:firm_status": only(PROFESSIONS_EDIT),
    "lawyers:firm_inspection": only(PROFESSIONS_EDIT),
    "lawyers:lawyer_status": only(PROFESSIONS_EDIT),
    "lawyers:lawyer_assessment": only(PROFESSIONS_EDIT),
    "lawyers:public_lookup": public(note="the citizens' look-up of the register, rate-limited per address"),
}
