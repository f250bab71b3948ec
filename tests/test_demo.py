"""The demo reproduces the Tam Đường seed and loads twice without harm."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from conferences.models import (
    ActionDocument,
    Attendance,
    Campaign,
    Committee,
    Conference,
    OnlineChannel,
    Supervision,
    VideoSite,
)
from conferences.selectors import copied_documents
from reporting.documents.numbering import issue_number
from reporting.figures.selectors import campaign_figures
from reporting.models import NumberRegister, OrganisationOutreach, UnitResult

pytestmark = pytest.mark.django_db

TAY_SON_TERM = (datetime.date(2021, 3, 1), datetime.date(2023, 3, 31))
SEED_LINES = [
    "đảng viên 2.443/2.538 đạt 96,3%",
    "CB-CC-VC-NLĐ chưa là đảng viên 739/760 đạt 97,2%",
    "42 hội nghị",
    "142 buổi sinh hoạt chi bộ",
    "3.182 người",
]


def counts() -> dict[str, int]:
    models = [
        Committee,
        VideoSite,
        Campaign,
        Conference,
        Attendance,
        UnitResult,
        OrganisationOutreach,
        Supervision,
        OnlineChannel,
        ActionDocument,
        NumberRegister,
        get_user_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_the_demo_again_changes_nothing_and_never_sets_the_register_back(demo):
    """`make run` loads the demo on every start: a second load adds, changes and renumbers nothing."""
    tay_son = Committee.objects.get(code="tay-son")
    assert issue_number(committee=tay_son, day=datetime.date(2023, 4, 5), user=None).label == "190-BC/HU"
    before, copied = counts(), list(copied_documents(tay_son, *TAY_SON_TERM))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert before["Committee"] == 25 + 17  # Tam Đường with Lai Châu, Tây Sơn with Bình Định
    assert before["User"] == 4 + 2 + 15  # Tây Sơn: staff, leader and a secretary per commune
    assert list(copied_documents(tay_son, *TAY_SON_TERM)) == copied
    assert issue_number(committee=tay_son, day=datetime.date(2023, 4, 6), user=None).label == "191-BC/HU"
    assert "mật khẩu chung: HocTap@2024" in out.getvalue()
    for username in ("quantri", "tuyengiao", "bithu.taleng", "lanhdao", "lanhdao.tayson"):
        assert f"  {username} " in out.getvalue()


def test_campaign_figures_prints_the_seed_sentences(demo):
    out = io.StringIO()
    call_command("campaign_figures", committee="tam-duong", campaign="tw8-khoa-xiii", stdout=out)
    assert out.getvalue().splitlines()[:5] == SEED_LINES


def test_demo_reproduces_the_seed_figures(demo):
    district = Committee.objects.get(code="tam-duong")
    figures = campaign_figures(campaign=Campaign.objects.get(code="tw8-khoa-xiii"), committee=district)

    own, below = figures.site_participation
    assert (own.date.isoformat(), own.sites, own.participants) == ("2023-12-04", 1, 97)
    assert (below.sites, below.participants) == (14, 640)
    assert (figures.outreach_sessions, figures.outreach_people) == (214, 2691)
    assert [(o.sessions, o.people) for o in figures.outreach] == [(13, 360), (20, 981), (181, 1350)]
    assert (figures.propaganda_sessions, figures.propaganda_people) == (102, 6912)
    assert (figures.radio_tv_news, figures.radio_tv_articles, figures.radio_tv_minutes) == (7, 2, 20)


def test_demo_data_names_the_units_the_seed_limitations_name(demo):
    from django.db.models import F

    from reporting.figures.rates import rate_tenths

    results = UnitResult.objects.filter(campaign__code="tw8-khoa-xiii")
    communes = results.filter(unit__kind=Committee.Kind.GRASSROOTS, unit__name__startswith="Đảng ủy")
    assert communes.count() == 13
    assert communes.filter(conferences_replay__gt=0).count() == 11
    no_follow_up = results.filter(conferences_online__gt=0, conferences_in_person=0, conferences_replay=0)
    assert sorted(no_follow_up.values_list("unit__short_name", flat=True)) == ["Bình Lư", "Hồ Thầu"]
    low = results.alias(rate=rate_tenths(F("party_members_attended"), F("party_members_total"))).filter(rate__lt=950)
    assert sorted(low.values_list("unit__short_name", flat=True)) == ["Bản Bo", "Khun Há", "Tả Lèng"]
    late = results.filter(submitted_at__date__gt=F("campaign__reporting_deadline"))
    assert "Hội Liên hiệp Phụ nữ huyện" in late.values_list("unit__short_name", flat=True)
    assert late.count() == 4


def test_demo_has_the_tay_son_tree_with_its_17_video_link_sites(demo):
    tay_son = Committee.objects.get(code="tay-son")
    assert tay_son.printed_name == "HUYỆN ỦY TÂY SƠN"
    assert tay_son.superior_line == "ĐẢNG BỘ TỈNH BÌNH ĐỊNH"
    assert (tay_son.abbreviation, tay_son.place_name) == ("HU", "Tây Sơn")
    assert VideoSite.objects.filter(committee__path__startswith=tay_son.path).count() == 17
    assert VideoSite.objects.filter(committee=tay_son).count() == 2


def test_unknown_code_exits_non_zero_with_a_clear_message(demo, capsys, monkeypatch):
    import django
    from django.core.management import ManagementUtility
    from django.db import connections

    # The command line closes connections on exit; the test's transaction still needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    # Django is set up already; setting it up again would point the log at this test's captured stderr,
    # closed after it, and every later test's log line would fail to print.
    monkeypatch.setattr(django, "setup", lambda *args, **kwargs: None)

    for argv, message in [
        (["--committee", "khong-co", "--campaign", "tw8-khoa-xiii"], "Không tìm thấy cấp ủy có mã “khong-co”."),
        (["--committee", "tam-duong", "--campaign", "khong-co"], "Không tìm thấy đợt học tập có mã “khong-co”."),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            ManagementUtility(["manage.py", "campaign_figures", *argv]).execute()
        assert exit_info.value.code == 1
        assert message in capsys.readouterr().err


def test_a_server_keeping_no_committee_keys_still_loads_the_demo(db, settings):
    from reporting.models import SigningKey

    settings.REPORT_KEYS_SECRET = ""
    call_command("load_demo", stdout=io.StringIO())
    assert not SigningKey.objects.exists()  # its committees sign with the installation's certificate
