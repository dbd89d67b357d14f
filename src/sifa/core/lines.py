"""The line registry: what the rest of sifa needs to know of a business line, declared once in the line's own
`AppConfig` as `line = Line(...)`. The URLconf, the menu and "my work", the importers, the demo, the citizens'
portal, the annual report's paragraphs, the quarterly bulletin, the API and the authorisation table all find the
lines here, so that adding a line touches nothing outside its app but `INSTALLED_APPS` (docs/new-line.md).

Every reference to the line's code is a dotted path ("sifa.<line>.demo.load"), imported when first used: the
declaration is read while Django loads the apps, before the line's modules may be imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from django.utils.module_loading import import_string

from .navigation import NavItem


@dataclass(frozen=True)
class OnlineService:
    """What a citizen does online, without an account, for one line: the portal at /apply/ shows it.

    `form` is the application form class (`applicant_key()`: who applies, for the per-applicant limit);
    `register(form, request)` records a valid form's application through the line's services and returns it
    (a `ValidationError` is shown on the form); `by_receipt(number)` and `lookup(number, phone)` find it again
    (None when nothing matches). The record has `receipt_number` and `received_on`. The portal's pages show
    `title`, then `intro_template` above the form; the progress page includes `progress_template` with `app`
    and `progress_context(app)`."""

    key: str
    title: str
    form: type
    register: Callable
    by_receipt: Callable
    lookup: Callable
    intro_template: str
    progress_template: str
    progress_context: Callable = lambda record: {}
    stylesheets: tuple[str, ...] = ()  # static paths the line's templates need


@dataclass(frozen=True)
class Line:
    """A business line as the rest of sifa sees it. Dotted paths name objects of the line's own modules.

    key             the app label, the URL namespace and the `line` of its metric set ("reconsideration")
    label           its name in menus
    url_prefix      where its pages live ("reconsideration/"); its URLconf is `<app>.urls`
    nav             its menu entry; `work` a dotted path of `work(user) -> [WorkItem]` for the home page
    importer        a dotted path of its `core.imports.Importer`, if it imports spreadsheets
    demo            a dotted path of `load(units, stdout)`, writing its part of the demo district;
                    `demo_order` places it among the lines' demos (a line whose demo uses another's comes after)
    portal          a dotted path of its `OnlineService`, if citizens apply online
    report_phrasing the annual report's statistics paragraph in the line's words: `{{ key }}` placeholders, and
                    `{as_of}` (截至2022年10月底), `{months}` (2022年1-10月), `{prev}` (the previous year)
    bulletin        its figures belong in the quarterly reconsideration-and-litigation bulletin
    api             a dotted path of a django-ninja `Router`, mounted at /api/<key>/
    access          a dotted path of its URLs' entries of the authorisation table (`core.authorisation`)
    """

    key: str
    label: str
    url_prefix: str
    nav: NavItem | None = None
    work: str = ""
    importer: str = ""
    demo: str = ""
    demo_order: int = 100
    portal: str = ""
    report_phrasing: str = ""
    bulletin: bool = False
    api: str = ""
    access: str = ""
    app: str = ""  # the app's module ("sifa.<line>"), filled in by the registry

    @property
    def urls(self) -> str:
        return f"{self.app}.urls"

    def load(self, attribute: str):
        """The object a dotted-path attribute names, or None when the line declares none."""
        path = getattr(self, attribute)
        return import_string(path) if path else None


@cache
def _registry() -> dict[str, Line]:
    from django.apps import apps

    found: dict[str, Line] = {}
    for config in apps.get_app_configs():
        line = getattr(config, "line", None)
        if line is None:
            continue
        if line.key in found:
            raise ValueError(f"two apps declare the line {line.key!r}")
        found[line.key] = replace(line, app=config.name)
    return found


def all() -> list[Line]:  # noqa: A001  (read as `lines.all()`)
    """The installed lines, in the order of INSTALLED_APPS."""
    return list(_registry().values())


def get(key: str) -> Line:
    return _registry()[key]


def is_line(key: str) -> bool:
    return key in _registry()


def demo_loaders() -> list[tuple[Line, Callable]]:
    """(line, load) of every line with a demo, in `demo_order`."""
    return [(ln, ln.load("demo")) for ln in sorted(all(), key=lambda ln: ln.demo_order) if ln.demo]


def online_services() -> list[OnlineService]:
    return [ln.load("portal") for ln in all() if ln.portal]


def install() -> None:
    """Register every line's menu entry, "my work" and importer (called once, from `CoreConfig.ready`)."""
    from . import imports, navigation

    for line in all():
        if line.nav is not None:
            navigation.register(line.nav, _lazy(line.work) if line.work else None)
        if line.importer:
            imports.register(line.load("importer"))


def _lazy(path: str) -> Callable:
    """A function imported at its first call (the line's selectors may not be importable at `ready` time)."""
    def call(*args, **kwargs):
        return import_string(path)(*args, **kwargs)
    return call
