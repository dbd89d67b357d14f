"""The line's writers (being split by subject: see disputes.py for now)."""

from .disputes import *  # noqa: F403
from .disputes import _reception_sync, _validate_record  # noqa: F401
