"""Excel both ways: the template a district sends out, and the results it reads back."""

import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from conferences.models import Campaign, Committee
from reporting.exports import XLSX_MIMETYPE, safe_cell, xlsx_bytes
from reporting.figures.formatting import format_ratio
from reporting.figures.selectors import campaign_figures
from reporting.models import UnitResult
from reporting.results.importing import ImportRejected, ImportSummary, import_results
from reporting.results.template import ResultsTemplateExporter
from tests import builders
from tests.test_demo import SEED_LINES

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tổng số đảng viên",
    "Đảng viên tham gia",
    "CB-CC-VC-NLĐ chưa là đảng viên",
    "Số chưa là đảng viên tham gia",
    "Số hội nghị",
    "Số buổi sinh hoạt chi bộ",
    "Số người tham gia",
]
# Tả Lèng as a row of the file.
TA_LENG = {
    "Mã đơn vị": "tam-duong-ta-leng",
    "Tên đơn vị": "Đảng ủy xã Tả Lèng",
    "Tổng số đảng viên": 140,
    "Đảng viên tham gia": 129,
    "CB-CC-VC-NLĐ chưa là đảng viên": 24,
    "Số chưa là đảng viên tham gia": 22,
    "Số hội nghị": 3,
    "Số buổi sinh hoạt chi bộ": 8,
    "Số người tham gia": 151,
}
# Fields an import sets whatever the figures; everything else must come back as it was.
REVIEW_FIELDS = ("reviewed_by_id", "reviewed_at", "updated_at", "version")


def row(**changes: object) -> list[object]:
    """Tả Lèng's row, with some cells changed: row(**{"Số hội nghị": 5})."""
    values = {**TA_LENG, **changes}
    return [values[header] for header in HEADERS]


def named(content: bytes, name: str) -> io.BytesIO:
    """Bytes with a file name, as an upload carries one."""
    file = io.BytesIO(content)
    file.name = name
    return file


def xlsx(*rows: list[object], headers: list[str] = HEADERS, name: str = "ket-qua.xlsx") -> io.BytesIO:
    """A workbook as a person would upload it: headers in row 1, then the rows."""
    workbook = openpyxl.Workbook()
    for values in (headers, *rows):
        workbook.active.append(values)
    return named(xlsx_bytes(workbook), name)


def tam_duong() -> tuple[Campaign, Committee]:
    return Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")


def figures_of(result: UnitResult) -> list[int]:
    return [
        result.party_members_total,
        result.party_members_attended,
        result.non_members_total,
        result.non_members_attended,
        result.conferences,
        result.cell_meetings,
        result.people,
    ]


def filled_template(*, changes: dict[str, dict[str, int]] | None = None) -> io.BytesIO:
    """Tam Đường's template as the export gives it, filled with the figures the demo holds."""
    campaign, district = tam_duong()
    filename, _mimetype, content = ResultsTemplateExporter(campaign=campaign, committee=district).render()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    results = {
        result.unit.code: result for result in UnitResult.objects.filter(campaign=campaign).select_related("unit")
    }
    for cells in workbook["Kết quả"].iter_rows(min_row=2):
        code = cells[0].value
        for cell, header, value in zip(cells[2:], HEADERS[2:], figures_of(results[code]), strict=True):
            cell.value = (changes or {}).get(code, {}).get(header, value)
    return named(xlsx_bytes(workbook), filename)


def snapshot() -> list[dict[str, object]]:
    return list(UnitResult.objects.order_by("pk").values())


def without_review(results: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{key: value for key, value in result.items() if key not in REVIEW_FIELDS} for result in results]


def errors_of(file: io.BytesIO) -> list[str]:
    campaign, district = tam_duong()
    with pytest.raises(ImportRejected) as rejected:
        import_results(file=file, campaign=campaign, committee=district)
    return [str(error) for error in rejected.value.errors]


# The template


def test_the_template_lists_every_unit_below_the_committee_in_tree_order(demo):
    campaign, district = tam_duong()

    filename, mimetype, content = ResultsTemplateExporter(campaign=campaign, committee=district).render()

    assert (filename, mimetype) == ("mau-ket-qua-tw8-khoa-xiii-tam-duong.xlsx", XLSX_MIMETYPE)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Kết quả", "Hướng dẫn"]
    header, *rows = workbook["Kết quả"].iter_rows(values_only=True)
    assert list(header) == HEADERS
    assert rows[:4] == [
        ("tam-duong-thi-tran", "Đảng ủy thị trấn Tam Đường", *[None] * 7),
        ("tam-duong-thi-tran-thcs", "Chi bộ Trường THCS thị trấn Tam Đường", *[None] * 7),
        ("tam-duong-thi-tran-tieu-hoc", "Chi bộ Trường Tiểu học thị trấn Tam Đường", *[None] * 7),
        ("tam-duong-ban-bo", "Đảng ủy xã Bản Bo", *[None] * 7),
    ]
    codes = [code for code, *_rest in rows]
    assert len(codes) == 23
    assert set(codes) == set(UnitResult.objects.filter(campaign=campaign).values_list("unit__code", flat=True))
    assert all(figure is None for _code, _name, *figures in rows for figure in figures)


def test_the_template_is_pleasant_to_fill(demo):
    campaign, district = tam_duong()
    workbook = openpyxl.load_workbook(
        io.BytesIO(ResultsTemplateExporter(campaign=campaign, committee=district).render()[2])
    )

    sheet = workbook["Kết quả"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width > 10
    instructions = "\n".join(cell.value or "" for cell in workbook["Hướng dẫn"]["A"])
    assert f"Đợt học tập: {campaign.name}" in instructions
    assert "Cấp ủy: Huyện ủy Tam Đường" in instructions
    assert "Hạn báo cáo: 15/01/2024" in instructions
    assert "số nguyên không âm" in instructions
    assert "“Đảng viên tham gia” ≤ “Tổng số đảng viên”" in instructions
    assert "để trống cả dòng số liệu" in instructions


@pytest.mark.parametrize("communes", [3, 30])
def test_building_the_template_takes_one_query_whatever_the_units(communes, django_assert_num_queries):
    district, _units = builders.district(communes=communes)
    exporter = ResultsTemplateExporter(campaign=builders.campaign(district), committee=district)

    with django_assert_num_queries(1):
        content = exporter.render()[2]

    assert openpyxl.load_workbook(io.BytesIO(content))["Kết quả"].max_row == communes + 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Đảng ủy xã Bản Bo", "Đảng ủy xã Bản Bo"),
        (-1, -1),
        (None, None),
    ],
)
def test_safe_cell_keeps_text_from_running_as_a_formula(value, expected):
    assert safe_cell(value) == expected


def test_a_unit_name_cannot_smuggle_a_formula_into_the_template():
    district, _units = builders.district(communes=0)
    builders.committee("xa-xau", parent=district, name="=cmd|' /C calc'!A0")

    content = ResultsTemplateExporter(campaign=builders.campaign(district), committee=district).render()[2]

    cell = openpyxl.load_workbook(io.BytesIO(content))["Kết quả"]["B2"]
    assert (cell.value, cell.data_type) == ("'=cmd|' /C calc'!A0", "s")


# Importing


def test_the_demo_round_trips_through_its_own_template(demo, django_user_model):
    campaign, district = tam_duong()
    staff = django_user_model.objects.get(username="tuyengiao")
    before = snapshot()

    summary = import_results(file=filled_template(), campaign=campaign, committee=district, user=staff)

    assert summary == ImportSummary(created=0, updated=23, skipped=0)
    assert without_review(snapshot()) == without_review(before)
    assert set(UnitResult.objects.values_list("reviewed_by__username", flat=True)) == {"tuyengiao"}
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
        builders.result(campaign, returned, status="returned")
        builders.result(campaign, draft, status="draft")
    UnitResult.objects.filter(unit=returned).update(return_reason="Thiếu số buổi sinh hoạt chi bộ")
    rows = [row(**{"Mã đơn vị": unit.code, "Tên đơn vị": unit.name}) for unit in (sent, returned, draft, new)]

    with time_machine.travel(datetime.datetime(2024, 1, 20, 8, 0, tzinfo=datetime.UTC)):
        summary = import_results(file=xlsx(*rows), campaign=campaign, committee=district, user=staff)

    assert summary == ImportSummary(created=1, updated=3, skipped=0)
    results = {result.unit: result for result in UnitResult.objects.all()}
    assert {result.status for result in results.values()} == {UnitResult.Status.ACCEPTED}
    assert {result.reviewed_by for result in results.values()} == {staff}
    assert {result.reviewed_at.day for result in results.values()} == {20}
    assert [results[unit].submitted_at.day for unit in (sent, returned, draft, new)] == [10, 10, 20, 20]
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

    summary = import_results(file=xlsx(blank, row(), spaces, [None] * 9), campaign=campaign, committee=district)

    assert summary == ImportSummary(created=0, updated=1, skipped=2)
    after = UnitResult.objects.get(unit__code="tam-duong-ban-bo")
    assert (after.reviewed_at, figures_of(after)) == (before.reviewed_at, figures_of(before))


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

    for file in (uploaded, path, str(path)):
        summary = import_results(file=file, campaign=campaign, committee=district)
        assert summary == ImportSummary(created=0, updated=1, skipped=0)
    assert UnitResult.objects.get(unit__code="tam-duong-ta-leng").cell_meetings == 11


# Refused files


def cell(column: str, message: str, *, line: int = 2) -> str:
    return f"Dòng {line}, cột “{column}”: {message}"


NOT_WHOLE = "Phải là số nguyên không âm."


@pytest.mark.parametrize(
    ("file", "errors"),
    [
        pytest.param(
            xlsx(row(), name="ket-qua.xls"),
            ["Tệp “ket-qua.xls” không phải bảng tính Excel có đuôi .xlsx."],
            id="wrong-extension",
        ),
        pytest.param(
            named(b"Ma don vi;Tong so\ntam-duong-ta-leng;140\n", "ket-qua.xlsx"),
            ["Không đọc được tệp: đây không phải bảng tính Excel .xlsx hợp lệ."],
            id="not-a-workbook",
        ),
        pytest.param(
            xlsx(row()[:6] + row()[7:], headers=HEADERS[:6] + HEADERS[7:]),
            ["Dòng 1: Thiếu cột “Số hội nghị”."],
            id="missing-column",
        ),
        pytest.param(xlsx(), ["Tệp không có dòng số liệu nào để nhập."], id="no-rows"),
        pytest.param(
            xlsx(row(**dict.fromkeys(HEADERS[2:], None)), [None] * 9),
            ["Tệp không có dòng số liệu nào để nhập."],
            id="only-blank-rows",
        ),
        pytest.param(
            xlsx(row(**{"Mã đơn vị": "khong-co"})),
            [cell("Mã đơn vị", "Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường.")],
            id="unknown-unit",
        ),
        pytest.param(
            xlsx(row(**{"Mã đơn vị": "tay-son-binh-hoa"})),
            [cell("Mã đơn vị", "Mã đơn vị “tay-son-binh-hoa” không thuộc Huyện ủy Tam Đường.")],
            id="unit-outside-the-subtree",
        ),
        pytest.param(
            xlsx(row(**{"Mã đơn vị": "tam-duong"})),
            [cell("Mã đơn vị", "Mã “tam-duong” là của chính Huyện ủy Tam Đường; chỉ nhập các đơn vị trực thuộc.")],
            id="the-committee-itself",
        ),
        pytest.param(
            xlsx(row(**{"Mã đơn vị": None})),
            [cell("Mã đơn vị", "Chưa có mã đơn vị.")],
            id="no-code",
        ),
        pytest.param(
            xlsx(row(), row()),
            [cell("Mã đơn vị", "Mã đơn vị “tam-duong-ta-leng” đã có ở dòng 2.", line=3)],
            id="duplicate-code",
        ),
        pytest.param(
            xlsx(row(**{"Số buổi sinh hoạt chi bộ": -1})),
            [cell("Số buổi sinh hoạt chi bộ", NOT_WHOLE)],
            id="negative",
        ),
        pytest.param(
            xlsx(row(**{"Tổng số đảng viên": "abc"})),
            [cell("Tổng số đảng viên", NOT_WHOLE)],
            id="text",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": 1.5})),
            [cell("Số hội nghị", NOT_WHOLE)],
            id="fraction",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "1,5"})),
            [cell("Số hội nghị", NOT_WHOLE)],
            id="fraction-as-text",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": True})),
            [cell("Số hội nghị", NOT_WHOLE)],
            id="boolean",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": datetime.date(2024, 1, 5)})),
            [cell("Số hội nghị", NOT_WHOLE)],
            id="date",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "=1+2"})),
            [cell("Số hội nghị", "Phải là số nguyên không âm, không dùng công thức.")],
            id="formula",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": None})),
            [cell("Số hội nghị", "Chưa nhập; không có thì ghi 0.")],
            id="one-figure-left-empty",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": 10**10})),
            [cell("Số hội nghị", "Số quá lớn.")],
            id="too-large",
        ),
        pytest.param(
            xlsx(row(**{"Đảng viên tham gia": 141, "Số người tham gia": 200})),
            [cell("Đảng viên tham gia", "Không được lớn hơn “Tổng số đảng viên” (140).")],
            id="party-members-attended-above-total",
        ),
        pytest.param(
            xlsx(row(**{"Số chưa là đảng viên tham gia": 25, "Số người tham gia": 200})),
            [cell("Số chưa là đảng viên tham gia", "Không được lớn hơn “CB-CC-VC-NLĐ chưa là đảng viên” (24).")],
            id="non-members-attended-above-total",
        ),
        pytest.param(
            xlsx(row(**{"Số người tham gia": 150})),
            [
                cell(
                    "Số người tham gia",
                    "Không được nhỏ hơn “Đảng viên tham gia” cộng “Số chưa là đảng viên tham gia” (151).",
                )
            ],
            id="people-below-attended",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_changes_nothing(demo, file, errors):
    before = snapshot()

    assert errors_of(file) == errors
    assert snapshot() == before


def test_every_error_of_the_file_is_reported_at_once_in_row_and_column_order(demo):
    before = snapshot()
    file = xlsx(
        row(**{"Mã đơn vị": "tam-duong-ban-bo", "Tên đơn vị": "Bản Bo"}),
        row(**{"Mã đơn vị": "khong-co", "Số người tham gia": "nhiều", "Đảng viên tham gia": "abc"}),
        row(**{"Mã đơn vị": "tam-duong-ban-giang", **dict.fromkeys(HEADERS[2:], None)}),
        row(**{"Mã đơn vị": "tam-duong-ban-bo", "Số người tham gia": 10, "Số buổi sinh hoạt chi bộ": -1}),
        row(**{"Đảng viên tham gia": 150, "Số người tham gia": 300}),
    )

    assert errors_of(file) == [
        cell("Mã đơn vị", "Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường.", line=3),
        cell("Đảng viên tham gia", NOT_WHOLE, line=3),
        cell("Số người tham gia", NOT_WHOLE, line=3),
        cell("Mã đơn vị", "Mã đơn vị “tam-duong-ban-bo” đã có ở dòng 2.", line=5),
        cell("Số buổi sinh hoạt chi bộ", NOT_WHOLE, line=5),
        cell(
            "Số người tham gia",
            "Không được nhỏ hơn “Đảng viên tham gia” cộng “Số chưa là đảng viên tham gia” (151).",
            line=5,
        ),
        cell("Đảng viên tham gia", "Không được lớn hơn “Tổng số đảng viên” (140).", line=6),
    ]
    assert snapshot() == before


@pytest.mark.parametrize("communes", [3, 30])
def test_checking_a_file_takes_one_query_whatever_its_rows(communes, django_assert_num_queries):
    district, units = builders.district(communes=communes)
    campaign = builders.campaign(district)
    file = xlsx(*(row(**{"Mã đơn vị": unit.code, "Số hội nghị": "abc"}) for unit in units))

    with django_assert_num_queries(1), pytest.raises(ImportRejected) as rejected:
        import_results(file=file, campaign=campaign, committee=district)

    assert len(rejected.value.errors) == communes


# Commands


def test_export_template_writes_the_template(demo, tmp_path):
    output = tmp_path / "mau.xlsx"
    out = io.StringIO()

    call_command("export_template", campaign="tw8-khoa-xiii", committee="tam-duong", output=str(output), stdout=out)

    assert out.getvalue().strip() == f"Đã ghi tệp mẫu “{output}”."
    sheet = openpyxl.load_workbook(output)["Kết quả"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 24


def test_export_template_names_the_file_after_campaign_and_committee(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    call_command("export_template", campaign="tw8-khoa-xiii", committee="tam-duong", stdout=io.StringIO())

    assert [path.name for path in Path(tmp_path).iterdir()] == ["mau-ket-qua-tw8-khoa-xiii-tam-duong.xlsx"]


@pytest.mark.parametrize("command", ["export_template", "import_results"])
@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ({"campaign": "khong-co"}, "Không tìm thấy đợt học tập có mã “khong-co”."),
        ({"committee": "khong-co"}, "Không tìm thấy cấp ủy có mã “khong-co”."),
    ],
)
def test_commands_refuse_unknown_codes(demo, tmp_path, command, codes, message):
    file = str(tmp_path / "ket-qua.xlsx")
    arguments = {"export_template": [f"--output={file}"], "import_results": [file]}[command]

    with pytest.raises(CommandError, match=re.escape(message)):
        call_command(command, *arguments, **{"campaign": "tw8-khoa-xiii", "committee": "tam-duong", **codes})


def test_import_results_prints_what_it_imported(demo, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(filled_template().getvalue())
    out = io.StringIO()

    call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong", stdout=out)

    assert out.getvalue().strip() == "Đã nhập 23 đơn vị: 0 mới, 23 cập nhật, 0 dòng trống bỏ qua."


def test_import_results_lists_every_error_and_changes_nothing(demo, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(xlsx(row(**{"Đảng viên tham gia": -5}), row(**{"Mã đơn vị": "khong-co"})).getvalue())
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong")

    assert str(refused.value).splitlines() == [
        "Chưa nhập gì vì tệp có lỗi:",
        cell("Đảng viên tham gia", NOT_WHOLE),
        cell("Mã đơn vị", "Mã đơn vị “khong-co” không thuộc Huyện ủy Tam Đường.", line=3),
    ]
    assert snapshot() == before


def test_import_results_refuses_a_missing_file(demo, tmp_path):
    missing = tmp_path / "khong-co.xlsx"

    with pytest.raises(CommandError, match=re.escape(f"Không tìm thấy tệp “{missing}”.")):
        call_command("import_results", str(missing), campaign="tw8-khoa-xiii", committee="tam-duong")
