"""The sanctions ladder of 社区矫正法 第二十八条 as data, and the step it proposes for a breach.

The ladder, lowest first: 表扬 → 训诫 → 警告 → 提请治安管理处罚 → 提请撤销缓刑、假释（收监执行）. The thresholds are
those of the 2020 社区矫正法实施办法 (DOMAIN.md §9, corrected by DOMAIN-2 §9: two 警告, not three): staff decide, and
a decision other than the proposal carries its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import SanctionKind as K

LADDER = (K.COMMENDATION, K.ADMONITION, K.WARNING, K.POLICE_PENALTY, K.REVOCATION)


@dataclass(frozen=True)
class Threshold:
    """`count` earlier decisions of `after` (without reform) lead to `proposes`."""

    after: str
    count: int
    proposes: str
    basis: str


@dataclass(frozen=True)
class OutOfContact:
    """Out of supervision for more than `days` days leads to `proposes`."""

    days: int
    proposes: str
    basis: str


BASIS = "社区矫正法 第二十八条；社区矫正法实施办法（2020）"
THRESHOLDS = (
    Threshold(K.ADMONITION, 2, K.WARNING, "受到两次训诫仍不改正的，给予警告（" + BASIS + "）"),
    Threshold(K.WARNING, 2, K.REVOCATION, "受到两次警告仍不改正的，提请撤销缓刑、假释（" + BASIS + "）"),
    Threshold(K.POLICE_PENALTY, 1, K.REVOCATION, "受到治安管理处罚仍不改正的，提请撤销缓刑、假释（" + BASIS + "）"),
)
OUT_OF_CONTACT = (
    OutOfContact(30, K.REVOCATION, "脱离监管超过一个月的，提请撤销缓刑、假释（" + BASIS + "）"),
    OutOfContact(10, K.WARNING, "脱离监管超过十日的，给予警告（" + BASIS + "）"),
    OutOfContact(0, K.ADMONITION, "不按规定时间报到或者脱离监管未超过十日的，给予训诫（" + BASIS + "）"),
)
DEFAULT = (K.ADMONITION, "违反监督管理规定，情节轻微的，给予训诫（" + BASIS + "）")


def rank(kind: str) -> int:
    return LADDER.index(kind)


def propose(counts: dict[str, int], days_out: int = 0) -> tuple[str, str]:
    """The step the ladder proposes for a breach, given the person's earlier decisions by kind and the days out of
    supervision: the highest step any threshold reaches, with its basis."""
    found = [DEFAULT]
    for t in THRESHOLDS:
        if counts.get(t.after, 0) >= t.count:
            found.append((t.proposes, t.basis))
    for o in OUT_OF_CONTACT:
        if days_out > o.days:
            found.append((o.proposes, o.basis))
            break
    return max(found, key=lambda f: rank(f[0]))


def propose_for(case, days_out: int = 0) -> tuple[str, str]:
    from django.db.models import Count

    counts = dict(case.sanctions.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return propose(counts, days_out)
