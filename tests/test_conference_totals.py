"""A conference's video-link sites and delegates, from its attendance rows, everywhere it is shown."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from conferences.models import Committee, Conference
from conferences.selectors import line_quality
from reporting.figures.wording import line_quality_sentence
from tests import builders

pytestmark = pytest.mark.django_db

TITLE = "Hội nghị học tập, quán triệt Nghị quyết Hội nghị Trung ương 5"


@pytest.fixture
def sixteen_sites():
    """A district of 16 communes, each at its own site: 328 delegates in all, one site losing its sound."""
    district, communes = builders.district(communes=16)
    campaign = builders.campaign(district)
    conference = Conference.objects.create(
        campaign=campaign, title=TITLE, date="2023-12-10", level=Conference.Level.DISTRICT, host=district
    )
    for n, commune in enumerate(communes):
        # 19 party members, every other site 1 non-member and 2 others: 328 delegates over the 16 sites.
        builders.attend(
            conference,
            commune,
            party_members_expected=20,
            party_members_attended=19,
            non_members_expected=1,
            non_members_attended=n % 2,
            others=n % 2 * 2,
        )
    conference.conference_sites.filter(site__committee=communes[3]).update(sound_lost=True)
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=district)
    return district, campaign, conference, staff


def test_the_command_prints_the_conference_sentence(sixteen_sites):
    _, _, conference, _ = sixteen_sites
    out = io.StringIO()
    call_command("conference_figures", conference=conference.pk, stdout=out)
    assert out.getvalue().strip() == f"{TITLE} có 16 điểm cầu với 328 đại biểu tham dự."


def test_the_pages_show_sites_delegates_and_incidents(client, sixteen_sites):
    _, campaign, conference, staff = sixteen_sites
    client.force_login(staff)
    grid = client.get(reverse("attendance_grid", args=[conference.pk])).content.decode()
    assert "<strong data-grid-sites>16</strong> điểm cầu với <strong data-grid-delegates>328</strong>" in grid
    assert '<td class="num" data-total="party_members_attended">304</td>' in grid
    page = client.get(reverse("conference_detail", args=[conference.pk])).content.decode()
    assert "16 điểm cầu với 328 đại biểu tham dự" in page and "1 điểm cầu có sự cố" in page
    campaign_page = client.get(reverse("campaign_detail", args=[campaign.code])).content.decode()
    assert '<td class="num" data-figure="delegates">328</td>' in campaign_page
    dashboard = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    assert '<td class="num" data-figure="sites" data-label="Điểm cầu">16</td>' in dashboard
    assert '<td class="num" data-figure="delegates" data-label="Đại biểu">328</td>' in dashboard
    assert (
        # No line test recorded: nothing said of tests, only what was lost.
        '<p class="small" id="line-quality">1/16 lượt điểm cầu mất âm thanh hoặc hình ảnh.</p>'
    ) in dashboard


def test_line_quality_counts_each_site_and_conference(sixteen_sites):
    _, campaign, conference, _ = sixteen_sites
    conference.conference_sites.exclude(site__committee__code__endswith="-1").update(line_test="passed")
    quality = line_quality(Conference.objects.filter(campaign=campaign), Committee.objects.all())
    assert line_quality_sentence(quality) == (
        "Thử đường truyền trước ở 15/16 lượt điểm cầu; 1/16 lượt điểm cầu mất âm thanh hoặc hình ảnh."
    )
    conference.conference_sites.update(sound_lost=False)
    quality = line_quality(Conference.objects.filter(campaign=campaign), Committee.objects.all())
    assert line_quality_sentence(quality).endswith("; không lượt điểm cầu nào mất âm thanh hay hình ảnh.")
    # A test the line did not pass was still a test: counted as tested, and told apart.
    conference.conference_sites.filter(site__committee__code__endswith="-2").update(line_test="failed")
    quality = line_quality(Conference.objects.filter(campaign=campaign), Committee.objects.all())
    assert line_quality_sentence(quality) == (
        "Thử đường truyền trước ở 15/16 lượt điểm cầu (1 lượt không đạt); không lượt điểm cầu nào mất âm thanh hay "
        "hình ảnh."
    )


def test_a_conference_nobody_entered_says_so_and_nothing_of_its_links(client, sixteen_sites):
    _, campaign, conference, staff = sixteen_sites
    conference.attendances.all().delete()
    client.force_login(staff)
    dashboard = client.get(reverse("dashboard", args=[campaign.code])).content.decode()
    row = dashboard.split(f'data-conference="{conference.pk}"')[1].split("</tr>")[0]
    assert '<td colspan="3" class="text-muted small" data-not-entered>Chưa nhập số liệu tham dự.</td>' in row
    assert 'id="line-quality"' not in dashboard  # no link said to have held before anyone said so
