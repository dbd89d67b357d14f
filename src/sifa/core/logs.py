"""Logs without personal data (issue #24), as text or as one JSON object a line (`SIFA_LOG_FORMAT=json`, for a
log collector: python-json-logger's formatter).

sifa logs no request bodies and, in its own messages, ids only. What could still carry a person's number — a
value quoted in an exception's message, a third-party library's message, a traceback — goes through
`PersonalDataFilter` on every handler of settings.LOGGING: it replaces each whole resident ID number and mobile
number (core.validators.mask_personal_numbers) in the message, its arguments, the traceback and the record's
extra fields, before any formatter sees them. A request object in the record (Django's `django.request`
logger puts one there) is logged as its method and path only.
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from .validators import mask_personal_numbers

# The attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
_PLAIN = (int, float, bool, type(None))
_exceptions = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """Masks whole ID and mobile numbers in everything a record will print. It never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_numbers(record.getMessage())
        record.args = None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = _exceptions.formatException(record.exc_info)
            record.exc_info = None  # the formatters print the masked exc_text instead
        if record.exc_text:
            record.exc_text = mask_personal_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_numbers(record.stack_info)
        for key, value in list(vars(record).items()):
            if key in _STANDARD or isinstance(value, _PLAIN):
                continue
            if key == "request" and hasattr(value, "path"):
                value = f"{getattr(value, 'method', '')} {value.path}"
            setattr(record, key, mask_personal_numbers(value if isinstance(value, str) else repr(value)))
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: level, logger, message, time, then the record's extra fields (and the traceback
    as `exc_info`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("timestamp", "time")  # ISO 8601 in UTC, to the microsecond
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)  # Chinese messages stay readable
        super().__init__(*args, **kwargs)
