"""The named scales (cases generated). Importable before Django is set up."""

SCALES = {"tiny": 600, "district": 50_000, "city": 1_000_000, "province": 10_000_000}


def scale_size(scale: str | int) -> int:
    if isinstance(scale, int) or str(scale).isdigit():
        return int(scale)
    try:
        return SCALES[scale]
    except KeyError:
        raise ValueError(f"unknown scale {scale!r}: use one of {', '.join(SCALES)} or a number") from None
