"""The draw of people's supervisors for one activity: a verifiable, stratified random draw, written to be
published. Pure Python (no Django, no sifa import): anyone can copy this file and re-run a draw from its record
with `python sortition.py LISTING_FILE SEED 'QUOTAS_JSON'`, or `sifa supervisors verify DRAW` inside sifa.

Why our own: sortition-algorithms (sortitionfoundation) solves a harder problem (maximally fair panels under
overlapping quotas, by linear programming); one activity's draw here has disjoint strata and small quotas, where
a keyed-hash shuffle is exact, needs no solver, and can be checked with a pocket calculator and `sha256sum`.

The method, ALGORITHM version VERSION:

1. The candidate listing is fixed and published before the seed is known: one line per eligible supervisor,
   `code|stratum`, sorted by code, joined by "\\n" (UTF-8, no trailing newline). Its SHA-256 is published
   with it. Nobody excluded (conflicts, recent participation, the annual cap, outside a term) is in it.
2. The seed is a value fixed in advance by a public source (a lottery result, a randomness beacon), entered as
   published; it is normalised by stripping spaces at both ends.
3. Each candidate's key is SHA-256("seed|listing_hash|code") read as a 256-bit integer; smaller keys come
   first. This is a uniformly random order of the candidates for any seed nobody could predict.
4. Level one (the quotas): for each stratum in the order of its name, the first `quota` candidates of that
   stratum in key order are drawn. Level two (the reserves): every other candidate, in key order, is the
   reserve list; when a drawn supervisor declines, the first reserve of the same stratum takes the place, or
   the first reserve of any stratum when that stratum has none left.
5. A candidate of stratum s with n_s candidates and quota q_s is drawn with probability q_s / n_s.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from fractions import Fraction

ALGORITHM = "sifa-stratified-sha256"
VERSION = "1"
ALL = "*"  # the one stratum when the request sets no quotas


class DrawError(ValueError):
    pass


@dataclass(frozen=True)
class Candidate:
    code: str
    stratum: str


def listing(candidates: list[Candidate]) -> str:
    """The canonical listing: `code|stratum` lines sorted by code."""
    for c in candidates:
        if "|" in c.code or "\n" in c.code or "|" in c.stratum or "\n" in c.stratum:
            raise DrawError(f"a code or stratum holds '|' or a newline: {c.code}")
    codes = [c.code for c in candidates]
    if len(set(codes)) != len(codes):
        raise DrawError("a code appears twice in the listing")
    return "\n".join(f"{c.code}|{c.stratum}" for c in sorted(candidates, key=lambda c: c.code))


def parse_listing(text: str) -> list[Candidate]:
    out = []
    for line in text.split("\n"):
        if line:
            code, stratum = line.split("|", 1)
            out.append(Candidate(code, stratum))
    return out


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key(seed: str, listing_hash: str, code: str) -> int:
    return int(sha256(f"{seed.strip()}|{listing_hash}|{code}"), 16)


def check_quotas(candidates: list[Candidate], quotas: dict[str, int]) -> None:
    """Every stratum with a quota has at least that many candidates."""
    for stratum, q in quotas.items():
        n = sum(1 for c in candidates if c.stratum == stratum)
        if q < 0:
            raise DrawError(f"the quota of {stratum} is negative")
        if n < q:
            raise DrawError(f"{stratum}: {n} candidates for a quota of {q}")


def draw(listing_text: str, seed: str, quotas: dict[str, int]) -> tuple[list[str], list[str]]:
    """(drawn codes in draw order, reserve codes in order) for a listing, a seed and the quotas."""
    if not seed.strip():
        raise DrawError("the seed is empty")
    candidates = parse_listing(listing_text)
    check_quotas(candidates, quotas)
    h = sha256(listing_text)
    ordered = sorted(candidates, key=lambda c: key(seed, h, c.code))
    drawn: list[str] = []
    for stratum in sorted(quotas):
        drawn += [c.code for c in ordered if c.stratum == stratum][:quotas[stratum]]
    taken = set(drawn)
    return drawn, [c.code for c in ordered if c.code not in taken]


def probabilities(listing_text: str, quotas: dict[str, int]) -> dict[str, Fraction]:
    """Each candidate's probability of being drawn at level one: quota ÷ candidates of its stratum."""
    candidates = parse_listing(listing_text)
    sizes: dict[str, int] = {}
    for c in candidates:
        sizes[c.stratum] = sizes.get(c.stratum, 0) + 1
    return {c.code: Fraction(quotas.get(c.stratum, 0), sizes[c.stratum]) for c in candidates}


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print("usage: python sortition.py LISTING_FILE SEED 'QUOTAS_JSON'", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    drawn, reserves = draw(text, argv[2], json.loads(argv[3]))
    print(f"{ALGORITHM} v{VERSION}\nlisting sha256: {sha256(text)}\ndrawn: {' '.join(drawn)}\n"
          f"reserves: {' '.join(reserves)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
