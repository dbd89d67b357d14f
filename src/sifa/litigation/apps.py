from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sifa.core.lines import Line
from sifa.core.navigation import NavItem

# The annual report's statistics paragraph for this line, in the seed report's phrasing (core.lines.Line).
PHRASING = (
    "{as_of}，共收到以区政府为被告的行政诉讼案件{{{{ litigation.suits_received }}}}件。法院共审结涉区政府行政诉讼"
    "{{{{ litigation.suits_concluded }}}}件，败诉{{{{ litigation.losses }}}}件。共办理以区政府为被申请人的行政复议案件"
    "{{{{ litigation.city_reconsiderations }}}}件，被纠错{{{{ litigation.city_reconsiderations_corrected }}}}件。"
    "全区各行政机关开庭数{{{{ litigation.hearings }}}}次，行政负责人出庭{{{{ litigation.head_appearances }}}}人次，"
    "出庭率{{{{ litigation.appearance_rate }}}}%。"
)


class LitigationConfig(AppConfig):
    name = "sifa.litigation"
    label = "litigation"
    verbose_name = _("Administrative litigation response")
    line = Line(
        key="litigation", label=_("Administrative litigation response"), url_prefix="litigation/",
        nav=NavItem("litigation", _("Litigation response"), "litigation:list", "litigation.view_suit", order=20),
        work="sifa.litigation.selectors.work_for", demo="sifa.litigation.demo.load", demo_order=20,
        report_phrasing=PHRASING, bulletin=True, access="sifa.litigation.access.MATRIX")

    def ready(self):
        from sifa.core import roles

        from . import clocks, metrics  # noqa: F401  (registers the rules and the metric set)

        models = ("suit", "hearing", "decision", "coordination", "judicialsuggestion", "cityreconsideration",
                  "session")
        everything = [f"litigation.{a}_{m}" for m in models for a in ("view", "add", "change")]
        viewing = [f"litigation.view_{m}" for m in models]
        roles.grant("case_handler", *everything)
        roles.grant("division_head", *everything, "litigation.view_outcometype", "litigation.change_outcometype",
                    "litigation.view_suggestionkind", "litigation.change_suggestionkind")
        roles.grant("bureau_leader", *viewing)
