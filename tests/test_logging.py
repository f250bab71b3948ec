"""A refusal is logged as one line saying who, where and why; a server error keeps its traceback."""

import logging
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from config.log_filters import ClientErrorOneLine
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def django_log(caplog):
    """What the django loggers write, as the configured standard-error handler prints it."""
    logger = logging.getLogger("django")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def printed(caplog) -> list[str]:
    (stderr,) = logging.getLogger("django").handlers[:1]
    return [stderr.format(record) for record in caplog.records if record.name == "django.request"]


def test_a_403_is_one_line_with_user_path_and_reason(client, django_log):
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    User = get_user_model()
    client.force_login(User.objects.create_user("bithu", role=User.Role.UNIT_SECRETARY, committee=commune))
    path = reverse("dashboard", args=[campaign.code])

    assert client.get(path).status_code == 403

    (line,) = printed(django_log)
    assert line.endswith(f"WARNING django.request: Forbidden (403): user=bithu path={path} reason=PermissionDenied")
    assert "\n" not in line
    assert "Traceback" not in line


def raised(exception: Exception):
    try:
        raise exception
    except Exception:
        return sys.exc_info()


def record(status: int, exception: Exception) -> logging.LogRecord:
    request = RequestFactory().get("/")
    request.path = "/bao-cao/\nFAKE line"
    made = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "%s", ("x",), raised(exception))
    made.status_code, made.request = status, request
    return made


def test_the_reason_and_path_cannot_forge_a_second_line():
    refused = record(403, PermissionError("Chỉ cán bộ tuyên giáo\nFAKE"))
    ClientErrorOneLine().filter(refused)
    assert refused.exc_info is None
    assert refused.getMessage() == (
        "Forbidden (403): user=(anonymous) path=/bao-cao/\\nFAKE line reason=Chỉ cán bộ tuyên giáo\\nFAKE"
    )


def test_a_server_error_keeps_its_traceback():
    failed = record(500, RuntimeError("hỏng"))
    ClientErrorOneLine().filter(failed)
    assert failed.exc_info is not None
    assert failed.getMessage() == "x"
