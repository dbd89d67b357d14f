"""Who may open each page of the supervisors' line: its entries of the authorisation table (`sifa.core.authorisation`;
tests/core/test_authorisation_matrix.py holds the code to it). The sample records lie in 人民参与和促进法治科."""

from sifa.core.authorisation import only, post_only

SUPERVISORS = frozenset({"leader", "jiandu"})  # supervisors.view_*: the staff, and the leader (the whole bureau)
SUPERVISORS_EDIT = frozenset({"jiandu"})

MATRIX = {
    "supervisors:list": only(SUPERVISORS),
    "supervisors:new": only(SUPERVISORS_EDIT),
    "supervisors:detail": only(SUPERVISORS),
    "supervisors:action": only(SUPERVISORS, note="the leader sees why the step is not theirs"),
    "supervisors:document": only(SUPERVISORS),
    "supervisors:verify": only(SUPERVISORS),
    "supervisors:pool": only(SUPERVISORS),
    "supervisors:supervisor_new": only(SUPERVISORS_EDIT),
    "supervisors:supervisor": only(SUPERVISORS),
    "supervisors:supervisor_action": only(SUPERVISORS_EDIT),
    # the JSON routes (/api/supervisors/): the procuratorate's system posts its request
    "api:supervisors_requests": post_only(anonymous=405),
    "api:supervisors_request": only(SUPERVISORS, anonymous=401),
}
