"""The browser suite: sifa in a real Chromium, driven by Playwright, against a fresh demo district.

One sifa server is started per test session in a subprocess (`sifa migrate`, `sifa demo`, then `sifa runserver
--noreload` on a free port, with a task worker, `sifa db_worker`, beside it) on its own SIFA_VAR_DIR and, when
SIFA_DATABASE_URL points at PostgreSQL, on a fresh database `sifa_browser_<pid>` that is dropped at the end. Under
xdist all the browser tests run on one worker (tests/conftest.py), so the server is built once. pytest-django's
database fixtures are not used: the
server is another process, so no test here may request `db`.

Chromium is Debian's (/usr/bin/chromium, or SIFA_CHROMIUM); `playwright install` is never used. Under CI
(CI=true) a missing Chromium fails the suite; elsewhere the browser tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support import DEMO_PASSWORD, REPO_ROOT, LoginAs

CHROMIUM = os.environ.get("SIFA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 "--disable-dev-shm-usage", "--lang=zh-CN"]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SERVER_START_TIMEOUT = 60  # seconds for runserver to answer /healthz once migrate and demo are done
BROWSER_SELECT_MAX = 20  # see core.lookups: a filter with more choices is a search box with suggestions
SETUP_TIMEOUT = 900  # seconds for each of migrate and demo: a guard against a hang, generous for a busy machine


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


_SERVER_LOG: list[Path] = []  # the running server's log, whose last lines go into a failed test's report


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and _SERVER_LOG and _SERVER_LOG[-1].exists():
        lines = _SERVER_LOG[-1].read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        report.sections.append(("sifa server log (last 40 lines)", "\n".join(lines)))


def _unavailable(reason: str):
    if _under_ci():
        pytest.fail(f"Browser tests cannot run under CI: {reason}. Run `make browser-deps` "
                    "(apt-get install chromium) — never `playwright install`.", pytrace=False)
    pytest.skip(reason)


# --- the sifa server ---------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Database:
    """SQLite in the temporary var dir, or a fresh PostgreSQL database created here and dropped at the end."""

    def __init__(self, var_dir: Path):
        self.url = os.environ.get("SIFA_DATABASE_URL", "")
        self.pg = self.url.startswith(("postgres://", "postgresql://"))
        self.name = f"sifa_browser_{os.getpid()}"
        self.var_dir = var_dir

    def _admin(self):
        import psycopg

        parts = urlsplit(self.url)
        admin_url = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
        return psycopg.connect(admin_url.replace("postgres://", "postgresql://", 1), autocommit=True)

    def create(self) -> str | None:
        """The SIFA_DATABASE_URL for the server (None: SQLite in its var dir)."""
        if not self.pg:
            return None
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{self.name}", parts.query, ""))

    def drop(self) -> None:
        if self.pg:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _run(cmd: list[str], env: dict, log: Path, timeout: int) -> None:
    with log.open("ab") as out:
        proc = subprocess.run(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, cwd=REPO_ROOT)
    if proc.returncode:
        raise RuntimeError(f"`{' '.join(cmd[2:])}` failed (exit {proc.returncode}):\n{log.read_text()[-4000:]}")


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sifa runserver exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"sifa did not answer {url}/healthz within {SERVER_START_TIMEOUT}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install -e '.[dev]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def sifa_server(chromium_path):
    """Base URL of a sifa server on a free port with the demo district loaded in a fresh database."""
    var_dir = Path(tempfile.mkdtemp(prefix="sifa-browser-"))
    log = var_dir / "server.log"
    db = _Database(var_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    # Production settings (DEBUG off: real 403/404 pages, no debug toolbar of errors) over plain HTTP on
    # loopback; runserver --insecure serves the static files.
    env.update({"SIFA_VAR_DIR": str(var_dir), "SIFA_DEBUG": "0", "SIFA_SSL_REDIRECT": "0",
                "SIFA_SECURE_COOKIES": "0", "SIFA_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_SETTINGS_MODULE": "sifa.settings", "PYTHONUNBUFFERED": "1", "SIFA_LOG_LEVEL": "WARNING",
                # the district's 76 units as a province's thousands: the wide filters are search boxes
                "SIFA_SELECT_MAX": str(BROWSER_SELECT_MAX)})
    env.pop("SIFA_DATABASE_URL", None)
    proc = worker = None
    try:
        db_url = db.create()
        if db_url:
            env["SIFA_DATABASE_URL"] = db_url
        sifa = [sys.executable, "-m", "sifa"]
        _run([*sifa, "migrate", "--noinput"], env, log, timeout=SETUP_TIMEOUT)
        _run([*sifa, "demo"], env, log, timeout=SETUP_TIMEOUT)
        port = _free_port()
        out = log.open("ab")
        proc = subprocess.Popen([*sifa, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"], env=env,
                                stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        # the background worker that runs queued tasks (file imports), as beside a production server
        worker = subprocess.Popen([*sifa, "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
                                  env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        base_url = f"http://127.0.0.1:{port}"
        _wait_healthy(base_url, proc, log)
        _SERVER_LOG.append(log)
        yield base_url
    finally:
        _SERVER_LOG.clear()
        for p in (proc, worker):
            if p is not None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        try:
            (REPO_ROOT / "var").mkdir(exist_ok=True)
            shutil.copyfile(log, REPO_ROOT / "var" / "browser-server.log")  # for reading after a failure
            db.drop()
        finally:
            if os.environ.get("SIFA_BROWSER_KEEP"):
                print(f"\nsifa browser server kept its files in {var_dir}")
            else:
                shutil.rmtree(var_dir, ignore_errors=True)


# --- the browser -------------------------------------------------------------------------------------------

_PLAYWRIGHT: list = []  # the running Playwright, stopped as soon as the browser tests are done


def _stop_playwright() -> None:
    while _PLAYWRIGHT:
        _PLAYWRIGHT.pop().stop()  # closes the browser too


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    _PLAYWRIGHT.append(pw)
    yield pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    _stop_playwright()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop Playwright after the last browser test rather than at the end of the session: between its calls it
    marks an asyncio loop as running in this thread, and Django refuses database access then, so the tests that
    follow on this worker (under xdist, any) could not use the database. The browser tests run one after
    another (pytest orders them so, and tests/conftest.py hands them to one xdist worker as one unit)."""
    here = Path(__file__).parent
    if _PLAYWRIGHT and (nextitem is None or here not in Path(str(nextitem.fspath)).parents):
        _stop_playwright()


SUBRESOURCES = {"stylesheet", "script", "image", "font"}


def watch(p) -> None:
    """Collect on p.problems what a broken page shows: console errors (CSP violations, JS errors), uncaught
    exceptions, and stylesheets, scripts, images or fonts that failed to load."""
    problems: list[str] = []

    def on_console(msg):
        # The browser logs every 4xx document as "Failed to load resource"; journeys expect some 403/404s.
        # htmx logs a request that a navigation cut short (a suggestion fetch still in flight when the form is
        # submitted) as htmx:sendAbort with its htmx:afterRequest: nothing a person sees. A failed request still
        # shows as htmx:sendError, htmx:timeout or htmx:responseError, which are kept.
        if msg.type != "error" or "Failed to load resource" in msg.text:
            return
        if not msg.text.startswith(("htmx:sendAbort", "htmx:afterRequest")):
            problems.append(f"{p.url}: console: {msg.text}")

    def on_response(response):
        if response.request.resource_type in SUBRESOURCES and response.status >= 400:
            problems.append(f"{p.url}: {response.request.resource_type} {response.url} answered {response.status}")

    def on_failed(request):
        if request.resource_type in SUBRESOURCES:
            problems.append(f"{p.url}: {request.resource_type} {request.url} failed: {request.failure}")

    p.on("console", on_console)
    p.on("pageerror", lambda e: problems.append(f"{p.url}: page error: {e}"))
    p.on("response", on_response)
    p.on("requestfailed", on_failed)
    p.problems = problems


@pytest.fixture
def new_context(browser, sifa_server):
    """new_context(viewport=DESKTOP, locale="zh-CN", **kw) -> a fresh browser context (own cookies) on the
    server. Every page opened in it is watched; a console error or a broken stylesheet fails the test."""
    made = []

    def _new(viewport: dict | None = None, locale: str = "zh-CN", **kw):
        ctx = browser.new_context(base_url=sifa_server, viewport=viewport or DESKTOP, locale=locale,
                                  timezone_id="Asia/Shanghai", accept_downloads=True, **kw)
        ctx.set_default_timeout(30_000)  # a loaded CI machine (2 CPUs, a parallel suite) answers slowly
        ctx.on("page", watch)
        made.append(ctx)
        return ctx

    yield _new
    problems = [problem for ctx in made for p in ctx.pages for problem in getattr(p, "problems", ())]
    for ctx in made:
        ctx.close()
    assert not problems, "pages showed problems a person would see as broken:\n" + "\n".join(problems)


@pytest.fixture
def page(new_context):
    """A page in a fresh Chinese desktop context."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def _sessions():
    return {}


@pytest.fixture
def signed_in(new_context, browser, sifa_server, _sessions):
    """signed_in(username, viewport=DESKTOP, **kw) -> a page already logged in as the demo user.

    Each user logs in through the form once per test session; later contexts reuse the session cookie, so
    tests that are not about logging in do not pay for it (argon2 is slow on purpose)."""

    def _signed_in(username: str, viewport: dict | None = None, **kw):
        if username not in _sessions:
            ctx = new_context()
            LoginAs(ctx.new_page())(username)
            _sessions[username] = ctx.storage_state()
        return new_context(viewport=viewport, storage_state=_sessions[username], **kw).new_page()

    return _signed_in


@pytest.fixture
def login_as(page):
    """login_as(username, password=DEMO_PASSWORD) logs the page in through the login form."""
    return LoginAs(page)


@pytest.fixture(scope="session")
def demo_password() -> str:
    return DEMO_PASSWORD
