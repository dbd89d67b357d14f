"""Who may open each page of forensic appraisal (`sifa.core.authorisation`). The sample records lie in
公共法律服务管理科, the division that supervises the institutions."""

from sifa.core.authorisation import only, post_only, public

PROFESSIONS = frozenset({"leader", "lvguan"})
PROFESSIONS_EDIT = frozenset({"lvguan"})

MATRIX = {
    "appraisal:list": only(PROFESSIONS),
    "appraisal:institution": only(PROFESSIONS),
    "appraisal:institution_status": only(PROFESSIONS_EDIT),
    "appraisal:institution_grade": only(PROFESSIONS_EDIT),
    "appraisal:appraiser": only(PROFESSIONS),
    "appraisal:appraiser_status": only(PROFESSIONS_EDIT),
    "appraisal:public_lookup": public(note="the citizens' look-up of the register, rate-limited per address"),
    "appraisal:reports": only(PROFESSIONS),
    "appraisal:warnings": only(PROFESSIONS),
    "appraisal:patrol_run": post_only(note="runs the patrol's rules and goes back to the warnings"),
    "appraisal:warning": only(PROFESSIONS),
    "appraisal:white_paper": only(PROFESSIONS),
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
