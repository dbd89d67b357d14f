"""Who may open each page of forensic appraisal (`sifa.core.authorisation`). The sample records lie in
公共法律服务管理科, the division that supervises the institutions."""

from sifa.core.authorisation import only

PROFESSIONS = frozenset({"leader", "lvguan"})
PROFESSIONS_EDIT = frozenset({"lvguan"})

MATRIX = {
    "appraisal:list": only(PROFESSIONS),
    "appraisal:institution": only(PROFESSIONS),
    "appraisal:reports": only(PROFESSIONS),
    "appraisal:complaints": only(PROFESSIONS),
    "appraisal:complaint_new": only(PROFESSIONS_EDIT),
    "appraisal:complaint": only(PROFESSIONS),
    "appraisal:complaint_action": only(PROFESSIONS, note="the leader sees why the step is not theirs"),
    "appraisal:complaint_document": only(PROFESSIONS),
    "appraisal:proposals": only(PROFESSIONS),
    "appraisal:proposal_new": only(PROFESSIONS_EDIT),
    "appraisal:proposal": only(PROFESSIONS),
    "appraisal:proposal_action": only(PROFESSIONS, note="the leader sees why the step is not theirs"),
    "appraisal:proposal_document": only(PROFESSIONS),
}
