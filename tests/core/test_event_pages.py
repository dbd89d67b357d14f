"""No raw event code and no Latin-only legal basis on a Chinese page (issue #15, "Events with names"): the demo's
year is loaded once, then the case pages (history and timeline) and the audit log of each line are walked as the
roles that may see them, and their visible text searched for codes like `clock.started`."""

from __future__ import annotations

import importlib
import importlib.util
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from sifa.core import events
from sifa.core.models import AuditEvent, User
from sifa.core.workflow import Workflow
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db

RAW_CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_CITATION = re.compile(r"\b(?:FYSL|FY2017|FY|Art\.?)\s+\d+\b|¶")
LINES = ("reconsideration", "litigation", "mediation", "legalaid", "lawyers", "appraisal", "notary", "enforcement",
         "supervisors", "petitions", "correction", "governance", "publicity")
CASES_PER_KIND = 6  # the cases with the longest histories, per kind of case page


class VisibleText(HTMLParser):
    """The text a reader sees (not inside <code>, <script>, <style>), and the tooltips (title attributes)."""

    HIDDEN = {"code", "script", "style"}

    def __init__(self):
        super().__init__()
        self.depth, self.text, self.titles = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1
        self.titles += [v for k, v in attrs if k == "title" and v and tag != "td"]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.text.append(data)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def demo(module_db):
    with module_db():
        load_demo(*LINES)
        return {u.username: u for u in User.objects.all()}


def _busiest(object_type: str, n: int = CASES_PER_KIND) -> list[int]:
    """The objects of a kind with the most events, and one with each code seen on that kind."""
    from django.db.models import Count

    qs = AuditEvent.objects.filter(object_type=object_type)
    busiest = [r["object_id"] for r in qs.values("object_id").annotate(n=Count("pk")).order_by("-n")[:n]]
    by_code = {a: o for a, o in qs.values_list("action", "object_id")}
    return sorted({int(pk) for pk in [*busiest, *by_code.values()]})


# (role, url name, object type): the case pages whose history or timeline shows events
PAGES = [
    ("handler", "reconsideration:detail", "reconsideration.application"),
    ("fuyi_head", "reconsideration:detail", "reconsideration.application"),
    ("yingsu", "litigation:detail", "litigation.suit"),
    ("yingsu", "litigation:suggestion", "litigation.judicialsuggestion"),
    ("yingsu", "litigation:city", "litigation.cityreconsideration"),
    ("mediator", "mediation:detail", "mediation.dispute"),
    ("changshou", "mediation:detail", "mediation.dispute"),
    ("changshou", "mediation:reception", "mediation.reception"),
    ("leader", "reconsideration:detail", "reconsideration.application"),
    ("legalaid", "legalaid:detail", "legalaid.legalaidcase"),
    ("lvguan", "lawyers:matter", "lawyers.licensingmatter"),
    ("lvguan", "lawyers:complaint", "lawyers.lawyercomplaint"),
    ("lvguan", "appraisal:complaint", "appraisal.appraisalcomplaint"),
    ("lvguan", "appraisal:proposal", "appraisal.rectificationproposal"),
    ("notary", "notary:detail", "notary.notarisation"),
    ("leader", "enforcement:detail", "enforcement.certificateapplication"),
    ("jiandu", "supervisors:detail", "supervisors.drawrequest"),
    ("xinfang", "petitions:detail", "petitions.petition"),
    ("jiaozheng", "correction:detail", "correction.supervisee"),
]


def _problems(html: str, where: str) -> list[str]:
    page = visible(html)
    text = " ".join(page.text)
    found = [f"{where}: raw code {m!r}" for m in sorted(set(RAW_CODE.findall(text)))]
    found += [f"{where}: Latin legal basis {t!r}" for t in page.titles if LATIN_CITATION.search(t)]
    found += [f"{where}: Latin legal basis near {text[m.start() - 30:m.end() + 30]!r}"
              for m in LATIN_CITATION.finditer(text)]
    return found


def _object_types() -> set[str]:
    return set(AuditEvent.objects.values_list("object_type", flat=True).distinct())


def test_case_pages_show_events_as_sentences_and_bases_in_chinese(demo, client):
    assert {t for _r, _u, t in PAGES} <= _object_types()  # each kind of page has events to show
    problems, walked, shown = [], 0, 0
    for role, name, object_type in PAGES:
        client.force_login(demo[role], backend="sifa.core.auth.RoleBackend")
        for pk in _busiest(object_type):
            response = client.get(reverse(name, args=[pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
            if response.status_code in (403, 404):  # out of this role's scope
                continue
            assert response.status_code == 200, (role, name, pk)
            walked += 1
            html = response.content.decode()
            shown += html.count('class="timeline"')
            problems += _problems(html, f"{role} {name} {pk}")
            if name == "reconsideration:detail" and role == "handler":  # the step forms, with their legal basis
                for action in re.findall(r"/reconsideration/\d+/([a-z_]+)/\"", html)[:4]:
                    form = client.get(reverse("reconsideration:action", args=[pk, action]))
                    if form.status_code == 200:
                        problems += _problems(form.content.decode(), f"{role} {action} {pk}")
    assert walked >= 40 and shown >= walked // 2, (walked, shown)
    assert not problems, "\n".join(problems[:40])


def test_the_audit_log_shows_every_code_of_the_demo_as_a_sentence(demo, client):
    client.force_login(demo["auditor"], backend="sifa.core.auth.RoleBackend")
    codes = sorted(set(AuditEvent.objects.values_list("action", flat=True)))
    assert len(codes) >= 40
    unregistered = [c for c in codes if events.kind(c) is None]
    assert not unregistered, f"the demo writes codes that are not registered: {unregistered}"
    problems = _problems(client.get(reverse("audit_list")).content.decode(), "audit log")
    for code in codes:  # one page of each code's events
        response = client.get(reverse("audit_list"), {"action": code})
        assert response.status_code == 200
        problems += _problems(response.content.decode(), f"audit log of {code}")
    assert not problems, "\n".join(problems[:40])


def test_every_transition_of_every_line_cites_its_legal_basis_in_chinese():
    latin = []
    for line in LINES:
        if importlib.util.find_spec(f"sifa.{line}.workflow") is None:  # a line without a procedure table
            continue
        module = importlib.import_module(f"sifa.{line}.workflow")
        for workflow in (w for w in vars(module).values() if isinstance(w, Workflow)):
            latin += [f"{line}.{t.name}: {t.basis}" for t in workflow.transitions.values()
                      if t.basis and (not CJK.search(t.basis) or LATIN_CITATION.search(t.basis))]
    assert not latin, latin
