"""The district's own values (`core.models.DistrictSetting`), read by key: what would otherwise be a constant of
one district in a line's code. An unset key reads as "" (or None for a unit): the line then does without."""

from __future__ import annotations

from .models import DistrictSetting, Unit


def value(key: str) -> str:
    return DistrictSetting.objects.filter(key=key).values_list("value", flat=True).first() or ""


def unit(key: str) -> Unit | None:
    """The unit whose code the setting holds."""
    code = value(key)
    return Unit.objects.filter(code=code).first() if code else None


def put(key: str, value: str, note: str = "") -> DistrictSetting:
    """Set a value (the demo district's set-up; staff use the admin)."""
    row, _created = DistrictSetting.objects.update_or_create(key=key, defaults={"value": value, "note": note})
    return row
