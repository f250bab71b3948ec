"""Every model has an admin that renders in Vietnamese with the demo loaded, under the pages' policies."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.test_headers import assert_policed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, demo):
    client.force_login(get_user_model().objects.get(username="quantri"))
    return client


def test_every_model_is_registered():
    from django.apps import apps

    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "conferences", "reporting"}
        and not hasattr(m, "instance_type")  # history rows are shown on their record
    ]
    assert {m for m in ours if m not in admin.site._registry} == set()


def test_every_admin_page_renders_under_the_policy(admin_client_logged_in):
    """Each changelist and a change form of every registered model, ours and the libraries', renders and
    carries the content security and permissions policies."""
    client = admin_client_logged_in
    assert_policed(client.get(reverse("admin:index")))
    for model in admin.site._registry:
        opts = model._meta
        pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        if (obj := model.objects.first()) is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert_policed(response)


ENGLISH_IN_THE_ADMIN = (
    "Skip to main content",
    "Toggle theme",
    "Model name",
    "Axes",
    "Position",
    "Relative to",
    "-- root --",
)


def test_admin_speaks_vietnamese(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:index"))
    content = response.content.decode()
    assert "Cấp ủy, tổ chức đảng" in content
    assert "Đợt học tập" in content
    assert "Khóa đăng nhập" in content  # django-axes' section
    add = admin_client_logged_in.get(reverse("admin:conferences_committee_add")).content.decode()
    assert '<label class="required" for="id_treebeard_position">Vị trí:</label>' in add
    assert [english for english in ENGLISH_IN_THE_ADMIN if english in content or english in add] == []


def test_home_asks_who_you_are_first(client):
    # The home page is each role's to-do list (tests/test_home.py): a visitor signs in first.
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


@pytest.mark.parametrize("typed", ["²", "١٢", "9" * 5000, ""])
def test_a_drag_with_a_key_no_unit_has_is_refused_not_a_server_error(admin_client_logged_in, typed):
    from conferences.models import Committee

    before = list(Committee.objects.order_by("pk").values_list("pk", "path"))
    move = reverse("admin:conferences_committee_changelist") + "move/"
    target = Committee.objects.get(code="tay-son").pk
    for data in ({"node": typed, "target": target}, {"node": target, "target": typed}):
        answer = admin_client_logged_in.post(move, {**data, "relation": "child"})
        assert answer.status_code == 400
        said = [str(message) for message in get_messages(answer.wsgi_request)]
        assert said[-1] == "Không tìm thấy đơn vị cần chuyển hoặc nơi chuyển đến; tải lại trang."
    assert list(Committee.objects.order_by("pk").values_list("pk", "path")) == before


ENGLISH_ON_THE_FORMS = (
    "Password-based authentication",
    "Whether the user will be able",
    "If disabled",
    "After you’ve created a user",
    "Raw passwords are not stored",
    "User Agent",
    "Attempt Time",
    "Change reason",
    "Changed by",
    ">None<",
    "Thêm vào",
    "Bản ghi nhớ",
    "entry",
    "View selected",
    "Can add",
    "Attempt Remaining",
    "Status",
    "Access Log for",
)


def test_the_admins_forms_and_histories_speak_vietnamese(admin_client_logged_in):
    from axes.models import AccessAttempt, AccessLog

    from conferences.models import Attendance

    user = get_user_model().objects.get(username="tuyengiao")
    seen = {"username": "khach", "ip_address": "10.0.0.9", "user_agent": "x", "http_accept": "*/*", "path_info": "/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=2)
    log = AccessLog.objects.create(**seen)
    pages = [
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_user_change", args=[user.pk]),
        reverse("admin:auth_user_password_change", args=[user.pk]),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
        reverse("admin:axes_accesslog_change", args=[log.pk]),
        reverse("admin:conferences_attendance_history", args=[Attendance.objects.first().pk]),
        reverse("admin:conferences_campaign_add"),
    ]
    content = {page: admin_client_logged_in.get(page).content.decode() for page in pages}
    english = {(page, phrase) for page, text in content.items() for phrase in ENGLISH_ON_THE_FORMS if phrase in text}
    assert english == set()
    add = content[reverse("admin:accounts_user_add")]
    assert "Đăng nhập bằng mật khẩu" in add and "Thêm người dùng" in add
    attempts = content[reverse("admin:axes_accessattempt_changelist")]
    assert "Trạng thái" in attempts and "Còn 3 lần thử" in attempts
    assert str(log).startswith("Đăng nhập: khach, ")
    attempt = AccessAttempt.objects.get(username="khach")
    cleanup = {"action": "cleanup_expired_attempts", "_selected_action": [attempt.pk], "index": 0}
    answer = admin_client_logged_in.post(reverse("admin:axes_accessattempt_changelist"), cleanup)
    assert answer.status_code == 302 and AccessAttempt.objects.filter(pk=attempt.pk).exists()  # not expired yet
    # The pickers' words come from the scripts' catalogue.
    scripts = admin_client_logged_in.get(reverse("admin:jsi18n")).content.decode()
    assert '"Choose all %s": "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s"' in scripts
