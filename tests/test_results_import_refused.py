"""A results workbook that cannot be read is refused whole, every error named by its row, its unit where the code is
known, and its column."""

import datetime

import pytest

from reporting.results.importing import ImportRejected, import_results
from tests import builders
from tests.workbooks import HEADERS, NOT_WHOLE, cell, errors_of, named, row, snapshot, xlsx

pytestmark = pytest.mark.django_db

TA_LENG = "tam-duong-ta-leng — Đảng ủy xã Tả Lèng"
BAN_BO = "tam-duong-ban-bo — Đảng ủy xã Bản Bo"


def unit_cell(column: str, message: str, *, line: int = 2, unit: str = TA_LENG) -> str:
    """An import error in a row whose unit is known: named by its code and name."""
    return f"Dòng {line} ({unit}), cột “{column}”: {message}"


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
        pytest.param(
            xlsx([*row(), 7, 1], headers=[*HEADERS, "Tin phát thanh truyền hình", "Số hội nghị"]),
            [
                "Dòng 1: Cột J “Tin phát thanh truyền hình” không có trong mẫu: sửa tên cột cho đúng mẫu, "
                "hoặc xóa cột.",
                "Dòng 1: Cột “Số hội nghị” có hai lần (lần sau ở cột K): giữ một cột.",
            ],
            id="a-column-mistyped-and-one-twice",
        ),
        pytest.param(
            # A column past AN, the last read: its figures would go unread without a word.
            xlsx([*row(), *[None] * 31, 7], headers=[*HEADERS, *[None] * 31, "Hội Cựu chiến binh: lượt người"]),
            [
                "Dòng 1: Cột AO “Hội Cựu chiến binh: lượt người” nằm sau cột AN, ngoài phần tệp được đọc: chuyển cột "
                "về cạnh các cột của mẫu, hoặc xóa cột."
            ],
            id="a-column-past-those-read",
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
            [unit_cell("Mã đơn vị", "Mã đơn vị “tam-duong-ta-leng” đã có ở dòng 2.", line=3)],
            id="duplicate-code",
        ),
        pytest.param(
            xlsx(row(**{"Số buổi sinh hoạt chi bộ": -1})),
            [unit_cell("Số buổi sinh hoạt chi bộ", NOT_WHOLE)],
            id="negative",
        ),
        pytest.param(
            xlsx(row(**{"Tổng số đảng viên": "abc"})),
            [unit_cell("Tổng số đảng viên", NOT_WHOLE)],
            id="text",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": 1.5})),
            [unit_cell("Số hội nghị", NOT_WHOLE)],
            id="fraction",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "1,5"})),
            [unit_cell("Số hội nghị", NOT_WHOLE)],
            id="fraction-as-text",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": True})),
            [unit_cell("Số hội nghị", NOT_WHOLE)],
            id="boolean",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": datetime.date(2024, 1, 5)})),
            [unit_cell("Số hội nghị", NOT_WHOLE)],
            id="date",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "=1+2"})),
            [unit_cell("Số hội nghị", "Phải là số nguyên không âm, không dùng công thức.")],
            id="formula",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": None})),
            [unit_cell("Số hội nghị", "Chưa nhập; không có thì ghi 0.")],
            id="one-figure-left-empty",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": 1_000_001})),
            [unit_cell("Số hội nghị", "Số quá lớn: không quá 1.000.000.")],
            id="too-large",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "9" * 5000})),
            [unit_cell("Số hội nghị", "Số quá lớn: không quá 1.000.000.")],
            id="thousands-of-digits-as-text",
        ),
        pytest.param(
            xlsx(row(**{"Số hội nghị": "١٢"})),
            [unit_cell("Số hội nghị", NOT_WHOLE)],
            id="digits-of-another-script",
        ),
        pytest.param(
            xlsx(row(**{"Đảng viên tham gia": 141, "Số người tham gia": 200})),
            [unit_cell("Đảng viên tham gia", "Không được lớn hơn “Tổng số đảng viên” (140).")],
            id="party-members-attended-above-total",
        ),
        pytest.param(
            xlsx(row(**{"Số chưa là đảng viên tham gia": 25, "Số người tham gia": 200})),
            [unit_cell("Số chưa là đảng viên tham gia", "Không được lớn hơn “CB-CC-VC-NLĐ chưa là đảng viên” (24).")],
            id="non-members-attended-above-total",
        ),
        pytest.param(
            xlsx(row(**{"Số người tham gia": 150})),
            [
                unit_cell(
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
        unit_cell("Mã đơn vị", "Mã đơn vị “tam-duong-ban-bo” đã có ở dòng 2.", line=5, unit=BAN_BO),
        unit_cell("Số buổi sinh hoạt chi bộ", NOT_WHOLE, line=5, unit=BAN_BO),
        unit_cell(
            "Số người tham gia",
            "Không được nhỏ hơn “Đảng viên tham gia” cộng “Số chưa là đảng viên tham gia” (151).",
            line=5,
            unit=BAN_BO,
        ),
        unit_cell("Đảng viên tham gia", "Không được lớn hơn “Tổng số đảng viên” (140).", line=6),
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
