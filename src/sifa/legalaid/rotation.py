"""Assignment by rotation (轮派): the centre's rule for choosing the lawyer of a granted or notified case.

The candidates are the centre's active roster lawyers who take the case's matter type and have room (fewer cases in
hand than their capacity), in the order of who has waited longest since their last assignment (never assigned
first), then their place on the roster. A candidate is skipped, with the reason kept on the case, when:
- the lawyer declared a conflict with the applicant or the opposing party (by name);
- the lawyer is assigned, on another legal-aid case, to the person who is the opposing party here, or to the
  opposing party of the person aided here (律师法 第三十九条: a lawyer may not act for both sides of one matter).
The counts of cases in hand come from one query; the checks of the few candidates ahead are a query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from .models import DeclaredConflict, LegalAidCase, RosterLawyer, State


@dataclass(frozen=True)
class Choice:
    lawyer: RosterLawyer | None
    skipped: list[dict]  # [{"lawyer": name, "firm": firm, "reason": why}]


def _names(case: LegalAidCase) -> set[str]:
    return {n.strip() for n in (case.applicant.name, case.opposing_party) if n and n.strip()}


def conflict(lawyer: RosterLawyer, case: LegalAidCase) -> str | None:
    """Why the lawyer may not take the case, or None."""
    names = _names(case)
    declared = DeclaredConflict.objects.filter(lawyer=lawyer, party_name__in=names).first()
    if declared is not None:
        return f"申报利益冲突：{declared.party_name}（{declared.reason}）"
    opposing = case.opposing_party.strip()
    other = (LegalAidCase.objects.filter(roster_lawyer=lawyer).exclude(pk=case.pk)
             .filter(Q(applicant__name=opposing) if opposing else Q(pk__in=[]))
             .only("number").first())
    if other is not None:
        return f"代理对方当事人{opposing}（{other.number}）"
    aided = case.applicant.name.strip()
    other = LegalAidCase.objects.filter(roster_lawyer=lawyer, opposing_party=aided).exclude(pk=case.pk).only(
        "number").first()
    if other is not None:
        return f"在{other.number}中代理{aided}的对方当事人"
    return None


def choose(case: LegalAidCase) -> Choice:
    in_hand = Count("cases", filter=Q(cases__state=State.ASSIGNED))
    candidates = (RosterLawyer.objects.filter(unit=case.unit, active=True).select_related("law_firm")
                  .annotate(in_hand=in_hand).filter(in_hand__lt=F("capacity"))
                  .order_by(F("last_assigned_on").asc(nulls_first=True), "position", "pk"))
    skipped = []
    for lawyer in candidates:
        if lawyer.matter_types and case.matter_type not in lawyer.matter_types:
            continue
        why = conflict(lawyer, case)
        if why is None:
            return Choice(lawyer, skipped)
        skipped.append({"lawyer": lawyer.name, "firm": lawyer.law_firm.name, "reason": why})
    return Choice(None, skipped)
