"""The demo's 2022 annual report reads like the seed, with the figures of every registered line computed from
the demo's records. Keys of lines not registered on this branch are skipped (they are checked once the lines
are merged)."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest

from sifa.core import metrics
from sifa.reports import annual
from sifa.reports.models import AnnualReport
from sifa.reports.placeholders import fill, keys_in
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db

# The agreed metric keys and the seed's figures for 2022-01-01..2022-10-31 (lines.md, DOMAIN.md §B).
SEED = {
    "reconsideration": {
        "reconsideration.received": 302, "reconsideration.pre_acceptance_resolved": 35,
        "reconsideration.accepted": 252, "reconsideration.not_accepted": 15, "reconsideration.concluded": 242,
        "reconsideration.carried_over_concluded": 60, "reconsideration.mediated": 124,
        "reconsideration.direct_corrections": 13, "reconsideration.resolution_rate": Decimal("51.2"),
        "reconsideration.hearings_interviews": 97},
    "litigation": {
        "litigation.suits_received": 87, "litigation.suits_concluded": 139, "litigation.losses": 0,
        "litigation.city_reconsiderations": 4, "litigation.city_reconsiderations_corrected": 0,
        "litigation.hearings": 52, "litigation.head_appearances": 52, "litigation.appearance_rate": Decimal("100.0")},
    "mediation": {
        "mediation.accepted": 6996, "mediation.successful": 6759, "mediation.success_rate": Decimal("96.61"),
        "mediation.centre_accepted": 154, "mediation.centre_successful": 87, "mediation.prelitigation_started": 2915,
        "mediation.prelitigation_successful": 2619, "mediation.campaigns": 22, "mediation.cases_selected": 17,
        "mediation.cases_published": 8},
    "legalaid": {"legalaid.cases": 1659, "legalaid.walk_in": 5234, "legalaid.calls_12348": 8527},
    "lawyers": {"lawyers.licensing": 646, "lawyers.complaints": 106},
    "appraisal": {"appraisal.complaints": 249, "appraisal.complaints_concluded_rate": 100,
                  "appraisal.complaints_answered_rate": 100, "appraisal.proposals": 2, "appraisal.grade_a": 2,
                  "appraisal.commissions": 16000},
    "notary": {"notary.accepted": 7741, "notary.civil_share": Decimal("89"), "notary.online": 843},
    "enforcement": {"enforcement.applications_reviewed": 601, "enforcement.certificates_issued": 161,
                    "enforcement.agencies_evaluated": 7, "enforcement.adviser_work_items": 127,
                    "enforcement.agreements_reviewed": 29},
    "correction": {
        "correction.thematic_sessions": 123, "correction.individual_education": 9600, "correction.public_welfare": 290,
        "correction.learning_hours": 11958, "correction.counselling": 74, "correction.out_of_supervision": 0,
        "correction.missed_intake": 0},
    "governance": {"governance.agencies_inspected": 7, "governance.topics_approved": 5, "governance.points": 25,
                   "governance.points_grassroots": 20, "governance.points_specialised": 5},
    "publicity": {"publicity.contest_entries": 270, "publicity.contest_prizes": 34, "publicity.open_classes": 10,
                  "publicity.online_views_wan": 10},
}


def load_demo_report(units):
    from sifa.demo import reports as demo

    demo.load(units, StringIO())
    return AnnualReport.objects.get(year=2022, unit=units["PT-SFJ"])


def registered_lines():
    return [s.line for s in metrics.sets() if s.line in SEED]


@pytest.fixture(scope="module")
def full_demo(module_db):
    """The demo of every registered line and the 2022 report, built once for the module's tests."""
    with module_db():
        units = load_demo(*registered_lines())
        return load_demo_report(units)


def test_demo_report_has_the_seeds_structure_and_loads_once(units):
    from sifa.demo import reports as demo

    report = load_demo_report(units)
    assert report.number == "沪普司〔2022〕12号"
    assert report.issuer_mark == "上海市普陀区司法局文件" and report.addressee == "区政府"
    headings = [h for h in report.sections.values_list("heading", flat=True) if h]
    assert headings[0] == "一、基本情况和主要做法" and "二、存在的不足" in headings and "三、2023年重点工作" in headings
    assert [h for h in headings if h.startswith("（")][:10] == [
        "（一）统筹推进全面依法治国", "（二）持续深化行政复议体制改革", "（三）全面提升行政应诉工作水平",
        "（四）深入推进法治政府建设", "（五）不断深化普法与依法治理工作", "（六）全力提升公共法律服务能级",
        "（七）有序强化司法鉴定行业分级管理", "（八）强化矛盾纠纷多元化解", "（九）有效落实重点对象监管帮教",
        "（十）大力推动系统自身建设"]
    count = report.sections.count()
    demo.load(units, StringIO())
    assert AnnualReport.objects.count() == 1 and report.sections.count() == count


def test_generated_report_reads_exactly_like_the_seed(full_demo):
    """With the demo of every registered line loaded, the filled narrative is the seed's text."""
    from sifa.demo import reports as demo

    report = full_demo
    values = annual.figures(report).values
    assert annual.plain_text(report, values) == demo.seed_text()


@pytest.mark.parametrize("line", sorted(SEED))
def test_report_carries_the_seeds_figures_of_each_registered_line(full_demo, line):
    if line not in registered_lines():
        pytest.skip(f"{line} is not registered on this branch")
    report = full_demo
    res = annual.figures(report)
    for key, expected in SEED[line].items():
        assert metrics.is_registered(key), f"agreed key {key} is missing"
        assert res.values[key] == expected, key
    narrative = "\n".join(report.sections.values_list("body", flat=True))
    used = {k for k in keys_in(narrative) if k.startswith(f"{line}.")}
    assert used, f"the narrative has no {line} placeholders"
    from sifa.demo import reports as demo

    seed_paragraphs = demo.seed_text().splitlines()
    for section in report.sections.all():
        for par in section.paragraphs:
            keys = keys_in(par)
            if keys and all(k.startswith(f"{line}.") for k in keys):
                filled = fill(par, res.values)
                assert filled in seed_paragraphs, filled[:60]


def test_a_line_installed_later_turns_the_seeds_figures_into_placeholders(units):
    """Rerunning the demo after a line is registered upgrades the sections nobody has edited."""
    from sifa.demo import reports as demo

    if "reconsideration" in registered_lines():
        pytest.skip("reconsideration is registered: the upgrade path is covered by the tests above")
    report = load_demo_report(units)
    section = report.sections.get(heading="（二）持续深化行政复议体制改革")
    assert "{{" not in section.body and "302件" in section.body
    fake = metrics.MetricSet(line="reconsideration", label="行政复议", metrics=[
        metrics.Count(key, key, key, model="core.Party", date_field="created_at__date")
        for key in SEED["reconsideration"] if not key.endswith("_rate")] + [
        metrics.Rate("reconsideration.resolution_rate", "矛盾化解率", "调解 ÷ 审结",
                     numerator="reconsideration.mediated", denominator="reconsideration.concluded")])
    metrics.register(fake)
    try:
        demo.load(units, StringIO())
        section.refresh_from_db()
        assert "{{ reconsideration.received }}" in section.body and section.version == 2
        assert report.sections.get(heading="（三）全面提升行政应诉工作水平").version == 1
    finally:
        metrics.unregister("reconsideration")


def _demo_documents(lines):
    """Every kind of document the demo's lines issue, a few of each: (what, OfficialDocument)."""
    if "reconsideration" in lines:
        from sifa.reconsideration import documents as rd
        from sifa.reconsideration.models import CaseDocument

        for kind in CaseDocument.objects.values_list("kind", flat=True).distinct():
            for doc in CaseDocument.objects.filter(kind=kind).select_related("case")[:5]:
                yield f"reconsideration {kind} {doc.number}", rd.build(doc)
    if "litigation" in lines:
        from sifa.litigation import documents as ld
        from sifa.litigation.models import Hearing, Suit

        for suit in Suit.objects.exclude(answered_on=None)[:5]:
            yield f"litigation answer {suit.number}", ld.answer(suit)
        for hearing in Hearing.objects.select_related("suit", "agency")[:10]:
            yield f"litigation appearance {hearing.pk}", ld.appearance_letter(hearing)
    if "mediation" in lines:
        from sifa.mediation import documents as md
        from sifa.mediation.models import Agreement, Dispute

        for agreement in Agreement.objects.select_related("dispute")[:5]:
            yield f"mediation agreement {agreement.pk}", md.agreement_document(agreement.dispute, agreement)
        for dispute in Dispute.objects.filter(state="terminated")[:5]:
            yield f"mediation termination {dispute.number}", md.termination_document(dispute)
    if "legalaid" in lines:
        from sifa.legalaid import documents as ad
        from sifa.legalaid.models import LegalAidCase

        seen = set()
        for case in LegalAidCase.objects.order_by("-pk")[:200]:
            for kind, _title, _number in ad.issued(case):
                if kind not in seen:
                    seen.add(kind)
                    yield f"legalaid {kind} {case.number}", ad.document_for(case, kind)


def test_every_document_of_the_demo_reads_cleanly(full_demo):
    """No document the demo issues prints an empty field (承办人：。), doubled punctuation (。。) or a name twice
    in a row (区房管局区房管局): what a reader of the printed page would take for a mistake."""
    from sifa.core.documents import text_problems

    checked, problems = 0, []
    for what, doc in _demo_documents(registered_lines()):
        checked += 1
        problems += [f"{what}: {problem}" for problem in text_problems(doc)]
    assert checked >= 10
    assert not problems, "\n".join(problems[:30])
