"""Helpers shared by the browser journeys: logging in, axe-core, screenshots, and "is this line merged yet"."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ASSETS = Path(__file__).resolve().parent / "assets"
AXE_JS = ASSETS / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
DEMO_PASSWORD = "Putuo@2022demo"

# WCAG 2.1 level A and AA (GB/T 37668-2019 follows WCAG 2.0/2.1 AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


# The last time step whose two-factor code each demo user was signed in with: a code is accepted once.
_TOTP_STEPS: dict[str, int] = {}


def demo_totp_code(username: str) -> str:
    """The code of the demo's authenticator for the administrators and the leader (their devices share the
    published secret sifa.demo.district.DEMO_TOTP_KEY), as their phone would show it. A second log-in of the
    same user within one 30-second step takes the next step's code (the device accepts one step of drift),
    and a third waits for the next step."""
    from django_otp.oath import hotp

    from sifa.demo.district import DEMO_TOTP_KEY

    while True:
        now = int(time.time()) // 30
        step = max(now, _TOTP_STEPS.get(username, -1) + 1)
        if step <= now + 1:
            break
        time.sleep(30 - time.time() % 30 + 0.2)
    _TOTP_STEPS[username] = step
    return f"{hotp(bytes.fromhex(DEMO_TOTP_KEY), step):06d}"


class LoginAs:
    """Log a page in through the login form, as a person would (Chinese labels), and through the two-factor
    step when the user's role asks for it (the demo's administrators and leader: `demo_totp_code`)."""

    def __init__(self, page):
        self.page = page

    def __call__(self, username: str, password: str = DEMO_PASSWORD, *, next_path: str = "/"):
        page = self.page
        page.goto(f"/login/?next={next_path}")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        with page.expect_navigation():  # the POST answers with the next page or the form with its error
            page.get_by_role("button", name="登录").click()
        if "/two-factor/" in page.url and "/enrol/" not in page.url:
            page.get_by_label("验证码").fill(demo_totp_code(username))
            with page.expect_navigation():
                page.get_by_role("button", name="验证").click()
        return page

    def logout(self):
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="退出登录").click()


def field(page, label: str):
    """The form control whose label is exactly `label` (a required field's label ends with " *")."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def click_through(page, target) -> None:
    """Click a link or submit button that loads a new page, and wait for that page: a locator used next must find
    the new page's elements, not the old page's (on a loaded machine the old page lingers long enough for
    `count()` or `fill()` to act on it, and the step then submits an empty form)."""
    with page.expect_navigation():
        target.click()


def valid_id_number(region: str, birth: str, sequence: str) -> str:
    """A resident ID number with a correct GB 11643 check digit (ISO 7064 MOD 11-2)."""
    first17 = f"{region}{birth}{sequence}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def path_status(base_url: str, path: str) -> int:
    """HTTP status of an anonymous GET (redirects to the login page count as the page existing)."""
    try:
        with urllib.request.urlopen(base_url + path, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def require_line(base_url: str, path: str, line: str) -> None:
    """Skip the calling test while the line's pages are not on this branch (the URL answers 404)."""
    if path_status(base_url, path) == 404:
        pytest.skip(f"line not merged yet: {line} ({path} answers 404)")


# --- accessibility -------------------------------------------------------------------------------------------

def run_axe(page, *, context: str | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA) on the page; return the violations.

    The page's CSP forbids inline scripts, so axe is evaluated through the DevTools protocol (page.evaluate is
    not subject to the CSP) rather than added as a <script> element.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        """async ([context, tags]) => {
            const r = await axe.run(context || document, {runOnly: {type: 'tag', values: tags},
                                                         resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                          summary: n.failureSummary}))}));
        }""",
        [context, AXE_TAGS],
    )
    return result


def format_violations(violations: list[dict], where: str) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical WCAG 2.1 AA violation(s) on {where}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for n in v["nodes"][:8]:
            lines.append(f"    at {n['target']}: {n['html']}")
            if n.get("summary"):
                lines.append("      " + n["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page, where: str) -> list[dict]:
    """Fail with a readable list when axe finds serious or critical violations; return the minor ones."""
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, format_violations(blocking, where)
    return [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]


# --- screenshots -----------------------------------------------------------------------------------------------

def screenshot(page, name: str) -> Path:
    """Save a full-page PNG to var/screenshots/<name>.png (the viewport sets the width)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many CSS pixels the document is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


# --- forms whose exact fields a journey does not pin down ------------------------------------------------------

FILLER_TEXT = "浏览器测试填写的内容。"


def fill_required(form, overrides: dict[str, str] | None = None, *, all_fields: bool = False) -> None:
    """Fill a form as a careful person would: each required (or, with all_fields, each visible) empty control
    gets a plausible value; `overrides` maps a field-name suffix to the value typed or chosen (an option's
    value, or its label)."""
    overrides = overrides or {}
    controls = form.locator("input:visible, select:visible, textarea:visible")
    for i in range(controls.count()):
        c = controls.nth(i)
        name = c.get_attribute("name") or ""
        tag = c.evaluate("e => e.tagName.toLowerCase()")
        kind = (c.get_attribute("type") or "").lower()
        override = next((v for k, v in overrides.items() if name.endswith(k)), None)
        if kind in ("hidden", "submit", "button", "file"):
            continue
        if override is not None:
            if tag == "select":
                labels = c.locator("option").all_inner_texts()
                label = next((lab for lab in labels if override in lab), None)
                c.select_option(label=label) if label else c.select_option(override)
            elif kind in ("checkbox", "radio"):
                c.check() if override else c.uncheck()
            else:
                c.fill(override)
            continue
        required = c.evaluate("e => e.required") or all_fields
        if not required:
            continue
        if tag == "select":
            values = [v for v in c.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
            if values and not c.input_value():
                c.select_option(values[: 2 if c.evaluate("e => e.multiple") else 1])
        elif kind in ("checkbox", "radio"):
            c.check()
        elif not c.input_value():
            if kind == "date":
                c.fill(c.evaluate("() => new Date().toISOString().slice(0, 10)"))
            elif kind == "number":
                c.fill("1")
            elif kind == "tel" or "phone" in name or "mobile" in name:
                c.fill("13800138000")
            elif "id_number" in name:
                c.fill(valid_id_number("310107", "19850612", "231"))
            else:
                c.fill(FILLER_TEXT)


def complete_with_keyboard(page, form_selector: str, values: dict[str, str], *, max_tabs: int = 80) -> list[str]:
    """Complete a form with the keyboard alone: Tab from the top of the page, type into the fields named in
    `values` (a select is driven with the arrow keys until its chosen option's label contains the value), and
    press Enter on the form's submit button. Returns the names of the controls focused in order.

    Fails when a field of `values` is never reached by Tab, when focus gets trapped, or when a focused
    control shows no visible focus indicator."""
    page.locator("body").focus()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    visited: list[str] = []
    pending = dict(values)
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """sel => { const e = document.activeElement; const form = document.querySelector(sel);
                const s = getComputedStyle(e);
                return {tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(), name: e.name || '',
                        inForm: !!form && form.contains(e), text: (e.innerText || e.value || '').trim(),
                        focusVisible: e.matches(':focus-visible'),
                        indicator: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                                   || s.boxShadow !== 'none'}; }""",
            form_selector,
        )
        visited.append(info["name"] or f"{info['tag']}:{info['text'][:20]}")
        if info["tag"] == "body":
            break
        assert info["indicator"], f"no visible focus indicator on {visited[-1]}"
        if not info["inForm"]:
            continue
        name = info["name"]
        value = next((v for k, v in pending.items() if name.endswith(k)), None)
        if value is not None:
            pending = {k: v for k, v in pending.items() if not name.endswith(k)}
            if info["tag"] == "select":
                for _step in range(60):
                    label = page.evaluate("() => { const e = document.activeElement; "
                                          "return e.options[e.selectedIndex] ? e.options[e.selectedIndex].text : ''; }")
                    if value in label:
                        break
                    page.keyboard.press("ArrowDown")
                else:
                    raise AssertionError(f"no option containing {value!r} reached with the arrow keys in {name}")
            elif info["type"] in ("checkbox", "radio"):
                page.keyboard.press("Space")
            else:
                page.keyboard.press("ControlOrMeta+a")
                page.keyboard.type(value)
        elif info["tag"] == "button" and info["type"] == "submit":
            assert not pending, f"the submit button came before the fields {sorted(pending)}"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return visited
    raise AssertionError(f"Tab never reached the form's submit button; focus went through {visited}")
