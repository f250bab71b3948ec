"""Reading a filled results workbook back and writing it at once (``import_results``, as scripts do): every row that
changes something saved, accepted, and shown in the figures at once; rows the database already holds left alone."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from conferences.models import Committee
from reporting.exports import XLSX_MIMETYPE, xlsx_bytes
from reporting.figures.formatting import format_ratio
from reporting.figures.selectors import campaign_figures
from reporting.models import OrganisationOutreach, UnitResult
from reporting.models.unit_results import FIGURE_FIELDS
from reporting.results.import_preview import import_preview
from reporting.results.importing import ImportRejected, ImportSummary, import_apply, import_results
from reporting.results.template import ResultsTemplateExporter
from tests import builders
from tests.test_demo import SEED_LINES
from tests.workbooks import (
    HEADERS,
    TA_LENG,
    TEMPLATE_HEADERS,
    figures_of,
    filled_template,
    named,
    row,
    snapshot,
    tam_duong,
    xlsx,
)

pytestmark = pytest.mark.django_db


def test_the_demo_round_trips_through_its_own_template_and_nothing_is_written(demo, django_user_model):
    campaign, district = tam_duong()
    staff = django_user_model.objects.get(username="tuyengiao")
    before, history = snapshot(), UnitResult.history.count()

    summary = import_results(file=filled_template(), campaign=campaign, committee=district, user=staff)

    assert summary == ImportSummary(created=0, updated=0, unchanged=23, skipped=0)
    assert summary.message() == "Đã nhập 0 đơn vị: 0 mới, 0 cập nhật; 23 đơn vị không đổi, 0 dòng trống bỏ qua."
    assert snapshot() == before
    assert UnitResult.history.count() == history
    out = io.StringIO()
    call_command("campaign_figures", committee="tam-duong", campaign="tw8-khoa-xiii", stdout=out)
    assert out.getvalue().splitlines()[:5] == SEED_LINES


def test_a_changed_unit_shows_in_the_figures_at_once(demo):
    campaign, district = tam_duong()
    changes = {"tam-duong-ta-leng": {"Đảng viên tham gia": 138, "Số hội nghị": 5, "Số người tham gia": 160}}

    import_results(file=filled_template(changes=changes), campaign=campaign, committee=district)

    figures = campaign_figures(campaign=campaign, committee=district)
    assert format_ratio(figures.party_members) == "2.452/2.538 đạt 96,6%"
    assert (figures.conferences, figures.conferences_other, figures.people) == (44, 2, 3191)
    out = io.StringIO()
    call_command("campaign_figures", committee="tam-duong", campaign="tw8-khoa-xiii", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:5] == [
        "đảng viên 2.452/2.538 đạt 96,6%",
        "CB-CC-VC-NLĐ chưa là đảng viên 739/760 đạt 97,2%",
        "44 hội nghị",
        "142 buổi sinh hoạt chi bộ",
        "3.191 người",
    ]
    assert lines[5].endswith(", 2 hội nghị hình thức khác")


def test_imported_results_are_accepted_by_the_staff_who_import_them(django_user_model):
    district, (sent, returned, draft, new) = builders.district(communes=4)
    campaign = builders.campaign(district)
    staff = django_user_model.objects.create_user("tuyengiao")
    with time_machine.travel(datetime.datetime(2024, 1, 10, 9, 0, tzinfo=datetime.UTC)):
        builders.result(campaign, sent, status="submitted", radio_tv_news=3, outreach={"mttq": (2, 40)})
        builders.result(campaign, returned, status="returned", return_reason="Thiếu số buổi sinh hoạt chi bộ")
        builders.result(campaign, draft, status="draft")
    rows = [row(**{"Mã đơn vị": unit.code, "Tên đơn vị": unit.name}) for unit in (sent, returned, draft, new)]

    with time_machine.travel(datetime.datetime(2024, 1, 20, 8, 0, tzinfo=datetime.UTC)):
        summary = import_results(file=xlsx(*rows), campaign=campaign, committee=district, user=staff)

    assert summary == ImportSummary(created=1, updated=3, skipped=0)
    assert summary.message() == "Đã nhập 4 đơn vị: 1 mới, 3 cập nhật; 0 đơn vị không đổi, 0 dòng trống bỏ qua."
    results = {result.unit: result for result in UnitResult.objects.all()}
    assert {result.status for result in results.values()} == {UnitResult.Status.ACCEPTED}
    assert {result.reviewed_by for result in results.values()} == {staff}
    assert {result.reviewed_at.day for result in results.values()} == {20}
    assert [results[unit].submitted_at.day for unit in (sent, returned, draft, new)] == [10, 10, 20, 20]
    # Sent before the import, first sent then; never sent, first sent by the import.
    assert [results[unit].first_submitted_at.day for unit in (sent, returned, draft, new)] == [10, 10, 20, 20]
    assert results[returned].return_reason == ""
    assert [figures_of(results[unit]) for unit in (sent, new)] == [[140, 129, 24, 22, 3, 8, 151]] * 2
    assert results[sent].radio_tv_news == 3
    assert list(results[sent].outreach.values_list("sessions", "people")) == [(2, 40)]
    latest = results[sent].history.first()
    assert (latest.history_user, latest.history_change_reason) == (staff, "Nhập từ tệp Excel")
    assert results[new].history.count() == 1


def test_conferences_keep_their_known_kinds_while_they_fit():
    district, (fits, too_many) = builders.district(communes=2)
    campaign = builders.campaign(district)
    builders.result(campaign, fits, conferences_online=1, conferences_in_person=2, conferences_other=4)
    builders.result(campaign, too_many, conferences_online=2, conferences_replay=3)

    import_results(
        file=xlsx(
            row(**{"Mã đơn vị": fits.code, "Số hội nghị": 5}),
            row(**{"Mã đơn vị": too_many.code, "Số hội nghị": 4}),
        ),
        campaign=campaign,
        committee=district,
    )

    kinds = ("conferences_online", "conferences_in_person", "conferences_replay", "conferences_other")
    assert list(UnitResult.objects.order_by("unit__path").values_list(*kinds)) == [(1, 2, 0, 2), (0, 0, 0, 4)]


def test_rows_without_figures_are_skipped_and_their_units_left_alone(demo):
    campaign, district = tam_duong()
    before = UnitResult.objects.get(unit__code="tam-duong-ban-bo")
    blank = row(**{"Mã đơn vị": "tam-duong-ban-bo", **dict.fromkeys(HEADERS[2:], None)})
    spaces = row(**{"Mã đơn vị": "tam-duong-ban-giang", **dict.fromkeys(HEADERS[2:], "  ")})

    changed = row(**{"Số buổi sinh hoạt chi bộ": 9})

    summary = import_results(file=xlsx(blank, changed, spaces, [None] * 9), campaign=campaign, committee=district)

    assert summary == ImportSummary(created=0, updated=1, skipped=2)
    after = UnitResult.objects.get(unit__code="tam-duong-ban-bo")
    assert (after.reviewed_at, figures_of(after)) == (before.reviewed_at, figures_of(before))


def test_a_blank_template_with_its_head_counts_and_one_unit_filled_imports_that_unit_alone(django_user_model):
    district, (first, second) = builders.district(communes=2)
    Committee.objects.filter(pk__in=[first.pk, second.pk]).update(party_members=40, non_member_staff=6)
    campaign = builders.campaign(district)
    workbook = openpyxl.load_workbook(
        io.BytesIO(ResultsTemplateExporter(campaign=campaign, committee=district).render()[2])
    )
    filled, untouched = workbook["Kết quả"].iter_rows(min_row=2)
    assert [cell.value for cell in untouched[2:5]] == [40, None, 6]
    typed = {"Đảng viên tham gia": 38, "Số chưa là đảng viên tham gia": 5, "Số người tham gia": 43}
    for cell, header in zip(filled[2:], TEMPLATE_HEADERS[2:], strict=True):
        cell.value = typed.get(header, cell.value if cell.value is not None else 0)

    summary = import_results(
        file=named(xlsx_bytes(workbook), "mau.xlsx"),
        campaign=campaign,
        committee=district,
        user=django_user_model.objects.create_user("tg", role="staff", committee=district),
    )

    assert summary == ImportSummary(created=1, updated=0, unchanged=0, skipped=1)
    saved = UnitResult.objects.get()
    assert (saved.unit, saved.party_members_total, saved.party_members_attended) == (first, 40, 38)


def test_whole_numbers_may_be_typed_as_text_with_thousands_dots(demo):
    campaign, district = tam_duong()
    numbers = {"Tổng số đảng viên": " 1.234 ", "Đảng viên tham gia": "1200", "Số hội nghị": 3.0}

    import_results(file=xlsx(row(**numbers, **{"Số người tham gia": 1222})), campaign=campaign, committee=district)

    result = UnitResult.objects.get(unit__code="tam-duong-ta-leng")
    assert (result.party_members_total, result.party_members_attended, result.conferences) == (1234, 1200, 3)


def test_an_uploaded_file_and_a_path_are_read_alike(demo, tmp_path):
    campaign, district = tam_duong()
    content = xlsx(row(**{"Số buổi sinh hoạt chi bộ": 11})).getvalue()
    uploaded = SimpleUploadedFile("Kết quả Tam Đường.xlsx", content, content_type=XLSX_MIMETYPE)
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(content)

    summaries = [
        import_results(file=file, campaign=campaign, committee=district) for file in (uploaded, path, str(path))
    ]

    assert summaries == [ImportSummary(created=0, updated=1), ImportSummary(0, 0, unchanged=1), ImportSummary(0, 0, 1)]
    assert UnitResult.objects.get(unit__code="tam-duong-ta-leng").cell_meetings == 11


def test_a_draft_with_empty_figures_is_replaced_whole_by_its_row(demo):
    campaign, district = tam_duong()
    ta_leng = UnitResult.objects.get(campaign=campaign, unit__code="tam-duong-ta-leng")
    UnitResult.objects.filter(pk=ta_leng.pk).update(
        status=UnitResult.Status.DRAFT, submitted_at=None, **dict.fromkeys(FIGURE_FIELDS, None)
    )
    file = xlsx(row(**{"Mã đơn vị": "tam-duong-ta-leng", "Tên đơn vị": "Đảng ủy xã Tả Lèng"}))

    preview = import_preview(file=file, campaign=campaign, committee=district)
    ta_leng_row = next(row for row in preview.rows if row.unit_id == ta_leng.unit_id)
    assert "Đảng viên tham gia: — → 129" in [str(change) for change in ta_leng_row.changes]
    file.seek(0)
    import_results(file=file, campaign=campaign, committee=district)

    ta_leng.refresh_from_db()
    assert (ta_leng.status, ta_leng.party_members_attended) == (UnitResult.Status.ACCEPTED, 129)
    assert None not in [getattr(ta_leng, field) for field in FIGURE_FIELDS]  # the ones the sheet does not ask: 0
    assert (ta_leng.radio_tv_minutes, ta_leng.implementation_plans) == (0, 0)


def test_a_file_of_todays_template_gives_every_figure_of_the_form(django_user_model):
    district, (commune, other) = builders.district(communes=2)
    campaign = builders.campaign(district)
    staff = django_user_model.objects.create_user("tuyengiao")
    details = {
        "Trong đó: hội nghị trực tuyến": 1,
        "Trong đó: hội nghị trực tiếp": 1,
        "Trong đó: phát lại video": 0,
        "Buổi tuyên truyền do cấp ủy chỉ đạo": 4,
        "Lượt người được tuyên truyền": 120,
        "Tin phát thanh, truyền hình": 2,
        "Bài phát thanh, truyền hình": 1,
        "Thời lượng phát thanh, truyền hình (phút)": 15,
        "Chương trình hành động": 1,
        "Kế hoạch thực hiện": 0,
        # The Front and the organisations: those the row gives figures for; the others it leaves blank.
        "Ủy ban Mặt trận Tổ quốc: buổi tuyên truyền": 3,
        "Ủy ban Mặt trận Tổ quốc: lượt người": 90,
        "Hội Nông dân: buổi tuyên truyền": 0,
        "Hội Nông dân: lượt người": 0,
    }
    line = {**TA_LENG, "Mã đơn vị": commune.code, "Tên đơn vị": commune.name, **details}
    import_results(file=xlsx([line.get(h) for h in TEMPLATE_HEADERS], headers=TEMPLATE_HEADERS), campaign=campaign,
                   committee=district, user=staff)  # fmt: skip
    outreach = OrganisationOutreach.objects.filter(result__unit=commune).order_by("organisation__order")
    # Hội Nông dân held none (0 and 0): no row, as the figures read it.
    assert list(outreach.values_list("organisation__code", "sessions", "people")) == [("mttq", 3, 90)]
    assert [row.history_change_reason for row in OrganisationOutreach.history.filter(result__unit=commune)] == [
        "Nhập từ tệp Excel"
    ]
    stored = UnitResult.objects.filter(unit=commune).values(*FIGURE_FIELDS).get()
    assert stored == {
        "conferences_online": 1,
        "conferences_in_person": 1,
        "conferences_replay": 0,
        "conferences_other": 1,  # what is left of the 3 conferences
        "cell_meetings": 8,
        "party_members_total": 140,
        "party_members_attended": 129,
        "non_members_total": 24,
        "non_members_attended": 22,
        "people": 151,
        "propaganda_sessions": 4,
        "propaganda_people": 120,
        "radio_tv_news": 2,
        "radio_tv_articles": 1,
        "radio_tv_minutes": 15,
        "action_programmes": 1,
        "implementation_plans": 0,
    }

    too_many = {**line, "Mã đơn vị": other.code, "Tên đơn vị": other.name, "Trong đó: phát lại video": 2}
    blank = {**line, "Kế hoạch thực hiện": None, "Hội Nông dân: lượt người": None, "Đoàn Thanh niên: lượt người": 5}
    blank |= {"Hội Cựu chiến binh: buổi tuyên truyền": "ba", "Hội Cựu chiến binh: lượt người": 9}
    file = xlsx(*([values.get(h) for h in TEMPLATE_HEADERS] for values in (too_many, blank)), headers=TEMPLATE_HEADERS)
    with pytest.raises(ImportRejected) as rejected:
        import_results(file=file, campaign=campaign, committee=district)
    assert [str(error) for error in rejected.value.errors] == [
        f"Dòng 2 ({other.code} — {other.name}), cột “Số hội nghị”: Nhỏ hơn số hội nghị trực tuyến, trực tiếp và "
        "phát lại video cộng lại (4).",
        f"Dòng 3 ({commune.code} — {commune.name}), cột “Kế hoạch thực hiện”: Chưa nhập; không có thì ghi 0.",
        f"Dòng 3 ({commune.code} — {commune.name}), cột “Hội Nông dân: lượt người”: Nhập cả số lượt người của các "
        "buổi này (không có thì ghi 0 ở cả hai ô).",
        f"Dòng 3 ({commune.code} — {commune.name}), cột “Đoàn Thanh niên: buổi tuyên truyền”: Nhập cả số buổi của "
        "các lượt người này (không có thì ghi 0 ở cả hai ô).",
        # Told wrong, not also told empty.
        f"Dòng 3 ({commune.code} — {commune.name}), cột “Hội Cựu chiến binh: buổi tuyên truyền”: Phải là số nguyên "
        "không âm.",
    ]


def test_an_organisations_figures_changed_in_the_filled_template_are_previewed_and_written(demo):
    campaign, district = tam_duong()
    mttq = "Ủy ban Mặt trận Tổ quốc: buổi tuyên truyền"
    file = filled_template(changes={"tam-duong-thi-tran": {mttq: 2}})

    preview = import_preview(file=file, campaign=campaign, committee=district)

    [row] = preview.replacing
    assert [str(change) for change in row.changes] == ["Ủy ban Mặt trận Tổ quốc: buổi tuyên truyền: 1 → 2"]
    assert len(preview.unchanged) == 22
    import_apply(preview=preview, campaign=campaign, committee=district, user=None, replace={row.unit_id})
    stored = OrganisationOutreach.objects.get(result__unit__code="tam-duong-thi-tran", organisation__code="mttq")
    assert (stored.sessions, stored.people) == (2, 30)
    assert stored.history.first().history_change_reason == "Nhập từ tệp Excel"
    out = io.StringIO()
    call_command("campaign_figures", committee="tam-duong", campaign="tw8-khoa-xiii", stdout=out)
    assert "- Ủy ban Mặt trận Tổ quốc: 14 buổi, 360 lượt người" in out.getvalue().splitlines()  # 13 before
