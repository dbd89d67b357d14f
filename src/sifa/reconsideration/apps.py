from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{as_of}，区政府共收到行政复议申请{{{{ reconsideration.received }}}}件，其中案前化解"
    "{{{{ reconsideration.pre_acceptance_resolved }}}}件，受理{{{{ reconsideration.accepted }}}}件，不予受理"
    "{{{{ reconsideration.not_accepted }}}}件；受理后共审结行政复议{{{{ reconsideration.concluded }}}}件（含{prev}年结转"
    "{{{{ reconsideration.carried_over_concluded }}}}件），其中调解{{{{ reconsideration.mediated }}}}件，直接纠错"
    "{{{{ reconsideration.direct_corrections }}}}件，矛盾化解率达{{{{ reconsideration.resolution_rate }}}}%。"
    "共计开展听证谈话{{{{ reconsideration.hearings_interviews }}}}次。"
)


class ReconsiderationConfig(AppConfig):
    name = "sifa.reconsideration"
    label = "reconsideration"
    verbose_name = _("Administrative reconsideration")
    line = Line(
        key="reconsideration", label=_("Administrative reconsideration"), url_prefix="reconsideration/",
        nav=NavItem("reconsideration", _("Reconsideration"), "reconsideration:list",
                    "reconsideration.view_application", order=10),
        work="sifa.reconsideration.selectors.work_for", importer="sifa.reconsideration.imports.IMPORTER",
        demo="sifa.reconsideration.demo.load", demo_order=10, portal="sifa.reconsideration.portal.SERVICE",
        report_phrasing=PHRASING, bulletin=True, access="sifa.reconsideration.access.MATRIX")

    def ready(self) -> None:
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (register the clock rules and the metric set)

        view = ("reconsideration.view_application", "reconsideration.view_committeemeeting",
                "reconsideration.view_hearing")
        handle = (*view, "reconsideration.add_application", "reconsideration.change_application",
                  "reconsideration.handle_application", "reconsideration.add_committeemeeting",
                  "reconsideration.change_committeemeeting")
        roles.grant("case_handler", *handle)
        roles.grant("division_head", *handle, "reconsideration.approve_application",
                    "reconsideration.view_subjectarea", "reconsideration.add_subjectarea",
                    "reconsideration.change_subjectarea", "reconsideration.view_committeemember",
                    "reconsideration.add_committeemember", "reconsideration.change_committeemember")
        roles.grant("bureau_leader", *view)
