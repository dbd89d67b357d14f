"""Who may open each page of this line: its entries of the authorisation table (`sifa.core.authorisation`,
where the demo users and the statuses are explained; tests/core/test_authorisation_matrix.py holds the code to it).
Found through the line's declaration (`core.lines.Line.access`). The sample records lie in 普陀区法律援助中心."""

from sifa.core.authorisation import EVERYONE, Access, only, post_only

LEGALAID = frozenset({"leader", "legalaid"})  # legalaid.view_*: the legal-aid staff, and the leader (the bureau)
LEGALAID_EDIT = frozenset({"legalaid"})

MATRIX = {
    "legalaid:list": only(LEGALAID),
    "legalaid:new": only(LEGALAID_EDIT),
    "legalaid:notified": only(LEGALAID_EDIT),
    "legalaid:detail": only(LEGALAID),
    "legalaid:action": only(LEGALAID, note="the leader sees why the step is not theirs"),
    "legalaid:document": only(LEGALAID),
    "legalaid:material_add": only(LEGALAID_EDIT, ok_status=405, outside=405, note="POST only: a GET is 405"),
    "legalaid:material": only(LEGALAID),
    # the applicant's upload from the portal's progress page: POST only, with the signed token of the look-up
    "legalaid:portal_materials": Access(ok=EVERYONE, ok_status=405, anonymous=405, outside=405,
                                        visitor_to_login=False),
    "legalaid:subsidies": only(LEGALAID),
    "legalaid:duty": only(LEGALAID),
    "legalaid:duty_new": only(LEGALAID_EDIT),
    "legalaid:duty_shift": only(LEGALAID),
    "legalaid:consultations": only(LEGALAID),
    "legalaid:consultation_new": only(LEGALAID_EDIT),
    "legalaid:consultation": only(LEGALAID),
    # the JSON routes (/api/legalaid/): a visitor gets 401, not a redirect
    "api:legalaid_notifications": post_only(anonymous=405),
    "api:legalaid_case": only(LEGALAID, anonymous=401),
    "api:legalaid_calls": post_only(anonymous=405),
}
