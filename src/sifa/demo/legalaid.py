"""Legal aid's demo lives in its own app (sifa.legalaid.demo); this hook stays until the line registry finds it."""

from sifa.legalaid.demo import load  # noqa: F401
