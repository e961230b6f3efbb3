"""One JSON object per log line when LOG_FORMAT=json, for journald, Loki or any log shipper.

Hand-written because it is this small: time, level, logger, message, and the exception
and stack when there is one; extra fields a caller passes (``extra={...}``) go along.
"""

import datetime
import json
import logging

# The attributes every LogRecord has: anything else on a record came from ``extra``.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            if key not in STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
                )
        return json.dumps(entry, ensure_ascii=False)
