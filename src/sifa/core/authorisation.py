"""Who may open what: for every URL, the answer each demo user (one per role) and a visitor get to a GET.

This is the README's role table made exact, and tests/core/test_authorisation_matrix.py holds the code to it:
it walks every URL pattern of the resolver, fills its parameters with real records — once with records of the
demo district (each line's sample record in its demo unit, below) and once with records of another district that
no demo user sees — requests each as every user below, and compares the status with this table. A URL without an
entry fails the test with its name: adding a page means adding its line here.

Where the sample records lie (what "in scope" means below): parties in 长寿路街道司法所; reconsideration cases and
committee meetings in 行政复议科; suits, hearings, judicial suggestions and city reconsiderations in 行政应诉科;
disputes in 长寿路's mediation committee, dispute-centre matters in its centre, screening campaigns in its justice
office; annual reports in the Justice Bureau; import jobs in 行政复议科.

An entry `Access(ok=..., hidden=..., ...)` reads: the users in `ok` get `ok_status` (200 unless a page answers
a GET otherwise: 405 for a POST-only action, 302 for a redirect), those in `hidden` get 404 (they hold the
permission, the record is outside their units), every other signed-in user gets `refused` (403), a visitor
`anonymous` (302 to the log-in page). With the other district's record every user in `ok` or `hidden` gets
`outside` (404): no record outside a user's units ever answers 200.
"""

from __future__ import annotations

from dataclasses import dataclass

VISITOR = "anonymous"
ADMINS = frozenset({"admin", "security", "auditor"})
# The demo users (sifa.demo.district), each standing for their role; handler2 and caoyang are there to show that
# two handlers of one division see each other's cases and that a justice office sees none of its sibling's.
USERS = ("admin", "security", "auditor", "leader", "fuyi_head", "handler", "handler2", "yingsu", "changshou",
         "caoyang", "mediator", "legalaid", "notary", "jiaozheng", "lvguan", "jiandu", "xinfang", "pufa", "yinsi", "stats")
EVERYONE = frozenset(USERS)
BUSINESS = EVERYONE - ADMINS - {"stats"}  # the roles holding core.view_case_contents
STATISTICS = frozenset({"leader", "fuyi_head", "stats"})  # core.view_statistics
UNITS = BUSINESS | {"admin", "stats"}  # core.view_unit
PARTIES = BUSINESS  # core.view_party
PARTY_EDITORS = BUSINESS - {"leader"}  # core.change_party
RECONSIDERATION = frozenset({"leader", "fuyi_head", "handler", "handler2", "yingsu"})  # view_application
RECONSIDERATION_EDIT = RECONSIDERATION - {"leader"}
LITIGATION = RECONSIDERATION  # litigation.view_*: handlers, division heads and the leader
LITIGATION_EDIT = RECONSIDERATION_EDIT
MEDIATION = frozenset({"leader", "fuyi_head", "changshou", "caoyang", "mediator"})  # mediation.view_*
MEDIATION_EDIT = MEDIATION - {"leader"}
MEDIATION_STATISTICS = MEDIATION | {"stats"}  # mediation.view_mediation_statistics
REPORTS = STATISTICS  # reports.view_annualreport
IMPORTERS_RECONSIDERATION = RECONSIDERATION_EDIT  # reconsideration.add_application


@dataclass(frozen=True)
class Access:
    ok: frozenset = frozenset()
    hidden: frozenset = frozenset()
    ok_status: int = 200
    refused: int = 403
    anonymous: int = 302
    outside: int = 404
    visitor_to_login: bool = True  # a visitor's 302 goes to the log-in page
    note: str = ""

    def expected(self, user: str, *, inside: bool = True) -> int:
        """The status `user` (a USERS name or VISITOR) gets; `inside` False: with the other district's record."""
        if user == VISITOR:
            return self.anonymous
        if user in self.ok or user in self.hidden:
            return (self.ok_status if user in self.ok else 404) if inside else self.outside
        return self.refused


def everyone(status: int = 200, **kw) -> Access:
    """A page every signed-in user gets (visitors are sent to log in)."""
    return Access(ok=EVERYONE, ok_status=status, **kw)


def public(status: int = 200, **kw) -> Access:
    """A page anyone gets, signed in or not."""
    return Access(ok=EVERYONE, ok_status=status, anonymous=status, visitor_to_login=False, **kw)


def post_only(**kw) -> Access:
    """A POST-only action: a GET is 405 for every signed-in user, a visitor is sent to log in."""
    return Access(ok=EVERYONE, ok_status=405, outside=405, **kw)


def only(users, *, hidden=(), **kw) -> Access:
    return Access(ok=frozenset(users), hidden=frozenset(hidden), **kw)


def nobody(status: int = 403, **kw) -> Access:
    return Access(refused=status, **kw)


_CSL = {"leader", "changshou", "mediator"}  # see 长寿路街道司法所's subtree
_FY = {"leader", "fuyi_head", "handler", "handler2"}  # see 行政复议科
_DISTRICT = {"leader", "yinsi"}  # see the whole district's records
_YS = {"leader", "yingsu"}  # see 行政应诉科

# URL name (or, for a pattern without a name, its route) → who gets what. One line per URL. A business line's
# URLs are in its own `access.py` (found through `core.lines.Line.access`); `matrix()` is the whole table.
MATRIX: dict[str, Access] = {
    # --- the kernel --------------------------------------------------------------------------------------------
    "home": public(note="a visitor gets the citizens' public home page, a signed-in user their work"),
    "login": everyone(302, anonymous=200, note="a signed-in user is sent on to the home page"),
    "logout": post_only(anonymous=405, note="Django's LogoutView takes POST only"),
    "set_language": public(302, note="a GET changes nothing and goes back"),
    "healthz": public(),
    "readyz": public(note="for the load balancer: 503 naming the failing checks when not ready (core.health)"),
    "failed_tasks": only({"admin"}, note="the system administrator: failed background tasks, with a retry"),
    "failed_task_retry": post_only(),
    "metrics": public(note="by address, not by role: the test client's 127.0.0.1 is allowed by default; other "
                           "addresses get 403 without SIFA_METRICS_TOKEN (core.monitoring)"),
    "two_factor_verify": everyone(302, note="signed in with the second factor already: sent on to the home page"),
    "two_factor_enrol": everyone(),
    "password_change": everyone(),
    "search": only(BUSINESS, note="the header search: the readers of case contents; each line answers only for "
                                  "what the user may see"),
    "data_requests": only({"yinsi"}, note="the personal-information protection officer (core.privacy)"),
    "data_request_new": only({"yinsi"}),
    "data_request": only({"yinsi"}),
    "data_request_export": only({"yinsi"}),
    "unit_tree": only(UNITS),
    "party_list": only(PARTIES),
    "party_new": only(PARTY_EDITORS - {"yinsi"}, note="the privacy officer corrects parties, creates none"),
    "party_detail": only(PARTIES & (_CSL | _DISTRICT), hidden=PARTIES - _CSL - _DISTRICT),
    "party_edit": only(PARTY_EDITORS & (_CSL | _DISTRICT), hidden=PARTY_EDITORS - _CSL - _DISTRICT),
    "party_reveal": post_only(),
    "audit_list": only({"auditor"}),
    "api_clients": only({"security"}, note="the API's machine clients: the security administrator's (三员分立)"),
    "api_client_issue": only({"security"}),
    "api_client_revoke": post_only(),
    "import_job": only(_FY | _DISTRICT, hidden=EVERYONE - _FY - _DISTRICT, note="its importer, and the readers of case contents there"),
    "import_errors": only(_FY | _DISTRICT, hidden=EVERYONE - _FY - _DISTRICT),
    "import_new": only(IMPORTERS_RECONSIDERATION),
    "import_template": only(IMPORTERS_RECONSIDERATION),
    "lookup": only(RECONSIDERATION, note="reconsideration.handlers: for the roles with its list"),
    "drilldown": only(STATISTICS),
    # the line kit's generic case pages, shown for a reconsideration case (change_<model> and the case's unit)
    "core:case_correct": only(RECONSIDERATION_EDIT & _FY, hidden=RECONSIDERATION_EDIT - _FY),
    "core:case_appointments": only(RECONSIDERATION_EDIT & _FY, hidden=RECONSIDERATION_EDIT - _FY),
    "core:appointment_action": only(RECONSIDERATION_EDIT & _FY, hidden=RECONSIDERATION_EDIT - _FY),
    # --- statistics and reports ----------------------------------------------------------------------------------
    "reports:index": only(STATISTICS),
    "reports:stats": only(STATISTICS),
    "reports:line_stats": only(STATISTICS),
    "reports:quarterly": only(STATISTICS),
    "reports:templates": only({"leader", "admin"}),
    "reports:figures": only({"leader"}),  # core.manage_figures (core.figures)
    "reports:figure_check": only({"leader"}),
    "reports:figure_edit": only({"leader"}, ok_status=404, note="the test asks for a definition that does not exist"),
    "reports:annual_create": post_only(),
    "reports:annual_detail": only({"leader", "stats"}, hidden={"fuyi_head"}),
    "reports:annual_header": post_only(),
    "reports:annual_number": post_only(),
    "reports:annual_download": only({"leader", "stats"}, hidden={"fuyi_head"}),
    "reports:section_add": only({"leader"}, hidden={"fuyi_head"}),
    "reports:section_edit": only({"leader"}, hidden={"fuyi_head"}),
    "reports:section_delete": post_only(),
    "reports:section_history": only({"leader", "stats"}, hidden={"fuyi_head"}),
    # --- the citizens' portal (no log-in) ----------------------------------------------------------------------
    "portal:apply": public(),
    "portal:receipt": public(302, note="without an application in the session: back to the form"),
    "portal:progress": public(),
    # --- the JSON API (a visitor gets 401, not a redirect) -------------------------------------------------------
    "api:api-root": public(404, note="no endpoint at the root"),
    "api:openapi-json": everyone(),
    "api:openapi-view": everyone(),
    "api:me": everyone(anonymous=401),
    "api:parties": only(PARTIES, anonymous=401),
    "api:parties_search": post_only(anonymous=405),
    "api:deadlines": everyone(anonymous=401),
    "api:deadline": everyone(anonymous=401),
    "api:metric_values": only(STATISTICS, anonymous=401),
    # the action API, shown for reconsideration cases (view_application and the case's unit, as the case page)
    "api:case_list": only(RECONSIDERATION, anonymous=401),
    "api:case_detail": only(_FY, hidden=RECONSIDERATION - _FY, anonymous=401),
    "api:case_history": only(_FY, hidden=RECONSIDERATION - _FY, anonymous=401),
    "api:case_clocks": only(_FY, hidden=RECONSIDERATION - _FY, anonymous=401),
    "api:case_action": post_only(anonymous=405),
    # --- the Django admin: the three administrators only (its inner pages are the admin's own) ----------------
    "admin:index": only(ADMINS, refused=302, note="others are sent to the admin's log-in"),
}


def matrix() -> dict[str, Access]:
    """The whole table: the kernel's entries above and each installed line's (`core.lines.Line.access`)."""
    from . import lines

    table = dict(MATRIX)
    for line in lines.all():
        entries = line.load("access") or {}
        if overlap := set(entries) & set(table):
            raise ValueError(f"the line {line.key} repeats entries of the authorisation table: {sorted(overlap)}")
        table.update(entries)
    return table
