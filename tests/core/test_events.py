"""Event codes with names (core.events): every code the code base writes is registered, and an event reads as a
Chinese sentence, never as its code."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from sifa.core import events

SRC = Path(__file__).resolve().parents[2] / "src" / "sifa"
CODE = re.compile(r"""["']([a-z_]+(?:\.[a-z_]+)+)["']""")
# an f-string code: the part before the placeholder, e.g. f"reconsideration.{action}"
PREFIX = re.compile(r"""f["']([a-z_]+(?:\.[a-z_]+)*\.)\{""")
# a call that writes an event, or hands its code on to one that does (`action=` of the download and export helpers)
WRITES = re.compile(r"\brecord(?:_many|_read)?\(|\baction=")


def written_codes() -> set[str]:
    """The event codes the source writes: literal codes in the calls that write events (and their keyword `action`),
    and the codes of the procedure tables' steps (core.workflow: "<prefix>.<event or name>")."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or "demo" in path.parts or "management" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if not WRITES.search(line):
                continue
            window = " ".join(lines[i:i + 3])  # the code may be on the call's next line
            found.update(c for c in CODE.findall(window[WRITES.search(window).start():])[:1])
    from sifa.core import workflow

    for table in workflow.registered().values():
        found.update(table.event_codes())
    return {c for c in found if not c.startswith(("sifa.", "django."))}


def test_every_code_the_code_base_writes_is_registered():
    written = written_codes()
    assert len(written) > 100  # the scan finds the codes (it would pass vacuously otherwise)
    missing = sorted(c for c in written if events.kind(c) is None)
    assert not missing, f"event codes written but not registered in an events.py: {missing}"


def test_each_line_registers_its_own_codes_in_its_app():
    registered = events.codes()
    for line in ("reconsideration", "litigation", "mediation", "reports"):
        module = __import__(f"sifa.{line}.events", fromlist=["x"])
        assert module and any(c.startswith(f"{line}.") for c in registered)


def _event(action: str, summary: str = "", **payload):
    return SimpleNamespace(action=action, summary=summary, payload=payload, object_type="")


@pytest.mark.parametrize(("event", "zh", "en"), [
    (_event("clock.started", "受理审查期限: 2026-09-24", rule="reconsideration.acceptance_review",
            due="2026-09-24"), "受理审查期限开始：2026-09-24届满", "受理审查期限 started: due 2026-09-24"),
    (_event("reconsideration.registered", "普司复〔2026〕12号"), "登记复议申请：普司复〔2026〕12号",
     "Application registered: 普司复〔2026〕12号"),
    (_event("membership.created", "handler @ 复议科"), "加入单位：handler @ 复议科", None),
    (_event("auth.login_failed"), "登录失败", "Sign-in failed"),
    # a template whose field the payload lacks reads as label and summary
    (_event("clock.paused", "决定期限: 中止"), "期限中止：决定期限: 中止", None),
    # the admin's codes name the model edited
    (_event("unit.changed", "普陀区司法局"), "修改单位：普陀区司法局", None),
    # an unregistered code falls back to a generic sentence, without showing the code
    (_event("nobody.registered_this", "某事"), "记录事项：某事", "Recorded: 某事"),
])
def test_an_event_reads_as_a_sentence_in_the_users_language(event, zh, en):
    with translation.override("zh-hans"):
        assert events.sentence(event) == zh
    if en:
        with translation.override("en"):
            assert events.sentence(event) == en


def test_registering_a_code_twice_with_another_meaning_is_refused():
    events.register("clock.started", events.codes()["clock.started"].label,
                    events.codes()["clock.started"].template)  # the same meaning again: harmless
    with pytest.raises(ValueError):
        events.register("clock.started", "something else")
