"""Two people editing the same record: the second sees a conflict, nothing is lost unseen."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from conferences.models import Attendance
from conferences.versioning import EditConflict
from reporting.models import UnitResult
from reporting.models.unit_results import FIGURE_FIELDS
from tests import builders

pytestmark = pytest.mark.django_db

FIGURES = {
    "cell_meetings": "9",
    "party_members_total": "160",
    "party_members_attended": "150",
    "non_members_total": "30",
    "non_members_attended": "29",
    "people": "179",
}


def form_data(**changes) -> dict:
    return {**dict.fromkeys(FIGURE_FIELDS, "0"), **FIGURES, **changes}


@pytest.fixture
def unit():
    root, (commune, _) = builders.district(communes=2)
    campaign = builders.campaign(root)
    first = User.objects.create_user("bithu1", role=User.Role.UNIT_SECRETARY, committee=commune, last_name="Lò Văn")
    second = User.objects.create_user("bithu2", role=User.Role.UNIT_SECRETARY, committee=commune)
    staff = User.objects.create_user("tuyengiao", role=User.Role.PROPAGANDA_STAFF, committee=root)
    return campaign, commune, first, second, staff


def test_the_second_of_two_secretaries_sees_a_conflict_and_keeps_their_figures(client, unit):
    from django.test import Client

    campaign, commune, first, second, _ = unit
    url = reverse("unit_result", args=[campaign.code, commune.code])
    UnitResult.objects.create(campaign=campaign, unit=commune, party_members_total=160)
    a, b = Client(), Client()
    a.force_login(first)
    b.force_login(second)
    version_a = a.get(url).context["form"]["version"].value()
    version_b = b.get(url).context["form"]["version"].value()

    save = reverse("unit_result_save", args=[campaign.code, commune.code])
    assert a.post(save, {"version": version_a, **form_data()}).status_code == 302
    response = b.post(save, {"version": version_b, **form_data(party_members_attended="140", people="169")})

    assert response.status_code == 409
    content = response.content.decode()
    assert "Trong lúc bạn nhập, kết quả này đã được người khác lưu." in content
    assert "<td>Đảng viên tham gia</td><td>150</td><td>140</td>" in content
    assert UnitResult.objects.get().party_members_attended == 150  # the first save stands
    assert 'value="140"' in content  # the second person's figures are still in the form

    again = b.post(
        save,
        {
            "version": response.context["form"]["version"].value(),
            **form_data(party_members_attended="140", people="169"),
        },
    )
    assert again.status_code == 302
    assert UnitResult.objects.get().party_members_attended == 140
    assert UnitResult.objects.get().history.count() == 3  # created, first save, second save


def test_two_staff_on_one_grid(client, unit):
    from django.test import Client

    campaign, commune, _, _, staff = unit
    other_staff = User.objects.create_user("tuyengiao2", role=User.Role.PROPAGANDA_STAFF, committee=staff.committee)
    conference = builders.online_conference(campaign)
    attendance = builders.attend(conference, commune, party_members_expected=40, party_members_attended=30)
    url = reverse("attendance_grid", args=[conference.pk])
    a, b = Client(), Client()
    a.force_login(staff)
    b.force_login(other_staff)

    def posted(client_, attended: str) -> dict:
        data = {}
        for _row, form in client_.get(url).context["grid"]:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None and value is not False:
                    data[f"{form.prefix}-{name}"] = value
        data[f"unit-{commune.pk}-party_members_attended"] = attended
        return data

    data_a, data_b = posted(a, "35"), posted(b, "38")
    assert a.post(url, data_a).status_code == 302
    response = b.post(url, data_b)
    assert response.status_code == 409
    assert f"số liệu của {commune.name} đã được người khác lưu" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.party_members_attended == 35
    assert response.context["grid"][0][1]["party_members_attended"].value() == 35  # stored figures shown

    retry = {**data_b, **{k: v for k, v in posted(b, "38").items() if k.endswith("version")}}
    assert b.post(url, retry).status_code == 302
    attendance.refresh_from_db()
    assert attendance.party_members_attended == 38
    assert Attendance.history.filter(id=attendance.pk).count() == 3


def test_two_staff_editing_one_report_paragraph(demo):
    from conferences.models import Campaign as CampaignModel
    from conferences.models import Committee as CommitteeModel
    from reporting.documents.workflow import report_blocks, report_edit, report_start

    report = report_start(
        campaign=CampaignModel.objects.get(code="tw8-khoa-xiii"), committee=CommitteeModel.objects.get(code="tam-duong")
    )
    shown = next(block.text for block in report_blocks(report) if block.key == "I.2")
    report_edit(report=report, key="I.2", text="Bản của người thứ nhất.", seen=shown)
    with pytest.raises(EditConflict, match=re.escape("Nội dung bạn nhập: “Bản của người thứ hai.”")):
        report_edit(report=report, key="I.2", text="Bản của người thứ hai.", seen=shown)
    report.refresh_from_db()
    assert report.edits["I.2"]["text"] == "Bản của người thứ nhất."
    # Another paragraph is no conflict.
    other = next(block.text for block in report_blocks(report) if block.key == "I.3")
    report_edit(report=report, key="I.3", text="Đoạn khác.", seen=other)


def test_a_report_edit_conflict_shows_in_the_browser_and_saves_nothing(client, demo):
    from reporting.models import Report

    client.force_login(User.objects.get(username="tuyengiao"))
    page = reverse("report", args=["tw8-khoa-xiii"])
    client.post(reverse("report_start", args=["tw8-khoa-xiii"]))
    shown = next(block.text for block in client.get(page).context["blocks"] if block.key == "I.2")
    edit = reverse("report_edit", args=["tw8-khoa-xiii"])
    client.post(edit, {"key": "I.2", "text": "Thứ nhất.", "seen": shown})
    response = client.post(edit, {"key": "I.2", "text": "Thứ hai.", "seen": shown}, follow=True)
    assert "Đoạn này vừa được người khác sửa nên chưa lưu nội dung của bạn." in response.content.decode()
    assert Report.objects.get().edits["I.2"]["text"] == "Thứ nhất."


def test_a_paragraph_with_a_nul_character_is_refused_and_changes_nothing(client, demo):
    from reporting.models import Report

    client.force_login(User.objects.get(username="tuyengiao"))
    client.post(reverse("report_start", args=["tw8-khoa-xiii"]))
    response = client.post(
        reverse("report_edit", args=["tw8-khoa-xiii"]), {"key": "I.2", "text": "a\x00b"}, follow=True
    )
    assert response.status_code == 200
    assert "Đã lưu đoạn văn." not in response.content.decode()
    assert Report.objects.get().edits == {}
    closing = {"recipients": "Lưu.", "authority": "T/M BAN THƯỜNG VỤ", "title": "BÍ THƯ", "name": "Cao\x00 Trọng"}
    response = client.post(reverse("report_closing", args=["tw8-khoa-xiii"]), closing, follow=True)
    assert "Văn bản có ký tự không hợp lệ (ký tự rỗng); hãy gõ lại phần đó." in response.content.decode()
    assert "\x00" not in Report.objects.get().signer_name
