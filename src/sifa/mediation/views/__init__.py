"""The line's views (being split by subject: see disputes.py for now)."""

from .disputes import *  # noqa: F403
