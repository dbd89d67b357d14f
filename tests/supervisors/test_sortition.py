"""The published draw algorithm: canonical listing, deterministic from the seed, quotas respected, probabilities."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sifa.supervisors import sortition
from sifa.supervisors.sortition import Candidate, DrawError

CANDIDATES = [Candidate(f"C{i:02d}", "law" if i % 3 == 0 else "community") for i in range(1, 13)]


def test_the_listing_is_canonical_whatever_the_order_given():
    assert sortition.listing(CANDIDATES) == sortition.listing(list(reversed(CANDIDATES)))
    assert sortition.listing(CANDIDATES).split("\n")[0] == "C01|community"


def test_the_hash_is_the_sha256_of_the_listing_text():
    import hashlib

    text = sortition.listing(CANDIDATES)
    assert sortition.sha256(text) == hashlib.sha256(text.encode()).hexdigest()


def test_the_same_seed_draws_the_same_people_and_another_seed_others():
    text = sortition.listing(CANDIDATES)
    quotas = {"law": 1, "community": 2}
    first = sortition.draw(text, "03 09 14 21 27 33 + 05", quotas)
    assert sortition.draw(text, " 03 09 14 21 27 33 + 05 ", quotas) == first  # spaces at the ends do not count
    assert any(sortition.draw(text, f"seed {i}", quotas)[0] != first[0] for i in range(5))


def test_quotas_are_filled_stratum_by_stratum_and_the_rest_are_reserves():
    text = sortition.listing(CANDIDATES)
    drawn, reserves = sortition.draw(text, "x", {"law": 2, "community": 1})
    strata = {c.code: c.stratum for c in CANDIDATES}
    assert [strata[c] for c in drawn] == ["community", "law", "law"]
    assert sorted(drawn + reserves) == sorted(c.code for c in CANDIDATES)


def test_too_few_candidates_for_a_quota_is_refused():
    with pytest.raises(DrawError):
        sortition.draw(sortition.listing(CANDIDATES), "x", {"law": 5})


def test_each_persons_probability_is_quota_over_stratum_size():
    p = sortition.probabilities(sortition.listing(CANDIDATES), {"law": 1, "community": 2})
    assert p["C03"] == Fraction(1, 4) and p["C01"] == Fraction(2, 8)


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_any_seed_draws_exactly_the_quota(seed):
    drawn, reserves = sortition.draw(sortition.listing(CANDIDATES), seed, {"law": 1, "community": 2})
    assert len(drawn) == 3 and len(set(drawn)) == 3 and len(reserves) == 9


def test_the_published_script_reruns_a_draw(tmp_path, capsys):
    text = sortition.listing(CANDIDATES)
    f = tmp_path / "listing.txt"
    f.write_text(text, encoding="utf-8")
    assert sortition.main(["sortition.py", str(f), "abc", '{"law": 1, "community": 1}']) == 0
    drawn, _reserves = sortition.draw(text, "abc", {"law": 1, "community": 1})
    out = capsys.readouterr().out
    assert f"drawn: {' '.join(drawn)}" in out and sortition.sha256(text) in out
