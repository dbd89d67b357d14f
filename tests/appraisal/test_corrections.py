"""Correcting a rectification proposal until the rectification is closed."""

from __future__ import annotations

from datetime import date

import pytest

from sifa.appraisal import services
from sifa.core import corrections

pytestmark = pytest.mark.django_db


def test_a_proposal_is_corrected_while_open(division, staff, institution):
    p = services.proposal_issue(unit=division, by=staff, institution=institution, issued_on=date(2024, 3, 4),
                                findings="案卷不全", requirements="完善案卷")
    corrections.correct(p, {"requirements": "一个月内完善案卷归档"}, reason="表述不清", by=staff,
                        expected_version=p.version)
    p.refresh_from_db()
    assert p.requirements == "一个月内完善案卷归档"
