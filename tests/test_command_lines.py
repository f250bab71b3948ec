"""A command line mistyped is refused in Vietnamese, naming the arguments as typed, and changes nothing."""

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from reporting.management.parsing import in_vietnamese


@pytest.mark.parametrize(
    ("argv", "refusal"),
    [
        (["import_results"], "manage.py import_results: lỗi: thiếu tham số bắt buộc: file, --campaign, --committee"),
        (["verify_report"], "manage.py verify_report: lỗi: thiếu tham số bắt buộc: file"),
        (
            ["conference_figures", "--conference", "abc"],
            "manage.py conference_figures: lỗi: tham số --conference: “abc” không phải là số nguyên",
        ),
        (
            ["campaign_figures", "--committee", "tam-duong", "--campaign", "tw8-khoa-xiii", "--bogus"],
            "manage.py campaign_figures: lỗi: không nhận ra tham số: --bogus",
        ),
        (
            ["conference_figures", "--conference"],
            "manage.py conference_figures: lỗi: tham số --conference cần một giá trị",
        ),
    ],
)
def test_a_mistyped_command_line_is_refused_in_vietnamese_with_its_usage(argv, refusal, capsys):
    command = load_command_class("reporting", argv[0])

    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(["manage.py", *argv])

    assert exit_info.value.code == 2
    printed = capsys.readouterr().err
    assert printed.startswith(f"Cách dùng: manage.py {argv[0]} [-h]")
    assert printed.endswith(f"\n{refusal}\n")
    assert "usage" not in printed and "error" not in printed


def test_a_command_called_from_code_is_refused_with_a_vietnamese_command_error():
    with pytest.raises(CommandError) as refused:
        call_command("verify_report")
    assert str(refused.value) == "Lỗi: thiếu tham số bắt buộc: file"


@pytest.mark.parametrize(
    ("message", "vietnamese"),
    [
        (
            "argument --format: invalid choice: 'doc' (choose from 'pdf', 'xlsx')",
            "tham số --format: “doc” không hợp lệ (chọn một trong: 'pdf', 'xlsx')",
        ),
        ("one of the arguments --campaign --from is required", "cần một trong các tham số: --campaign --from"),
        ("something argparse may say one day", "something argparse may say one day"),
    ],
)
def test_argparses_other_refusals_read_in_vietnamese_and_an_unknown_one_as_it_is(message, vietnamese):
    assert in_vietnamese(message) == vietnamese
