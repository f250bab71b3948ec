"""Filters for the log lines the settings' LOGGING sends to standard error."""

import logging
from http import HTTPStatus


def _one_line(text: str) -> str:
    # A newline in a URL or a reason cannot forge a second log line; Vietnamese stays readable.
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class ClientErrorOneLine(logging.Filter):
    """A refused request (403, 400) is the client's doing, not a fault: one line (user, path, reason), no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if record.exc_info and status and 400 <= status < 500 and request is not None:
            user = getattr(request, "user", None)
            username = user.get_username() if user is not None and user.is_authenticated else "(anonymous)"
            exception = record.exc_info[1]
            record.msg = "%s (%s): user=%s path=%s reason=%s"
            record.args = (
                HTTPStatus(status).phrase,
                status,
                _one_line(username),
                _one_line(request.path),
                _one_line(str(exception) or type(exception).__name__),
            )
            record.exc_info = None
            record.exc_text = None
        return True
