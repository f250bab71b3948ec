import time
from decimal import Decimal

from django.core.management.base import CommandError, CommandParser

from benchmarks.scale.generation import ScaleDataExists, ScaleSpec, scale_generate
from reporting.figures.formatting import format_number
from reporting.management.parsing import VietnameseCommand


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(VietnameseCommand):
    help = (
        "Tạo dữ liệu mô phỏng cỡ tỉnh, cỡ toàn quốc (cây cấp ủy, điểm cầu, hội nghị, số liệu tham dự, "
        "kết quả của đơn vị), lặp lại được theo --seed. Mặc định: cỡ toàn quốc."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--provinces", type=positive, default=34, help="Số tỉnh, thành phố (mặc định 34)")
        parser.add_argument(
            "--communes-per-province", type=positive, default=97, help="Số xã, phường mỗi tỉnh (mặc định 97)"
        )
        parser.add_argument(
            "--cells-per-commune", type=not_negative, default=16, help="Số chi bộ mỗi xã, phường (mặc định 16)"
        )
        parser.add_argument("--campaigns", type=positive, default=3, help="Số đợt học tập (mặc định 3)")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên (mặc định 2025)")
        parser.add_argument("--replace", action="store_true", help="Xóa dữ liệu mô phỏng đã có rồi tạo lại")

    def handle(self, *args, replace: bool, **options) -> None:
        spec = ScaleSpec(
            provinces=options["provinces"],
            communes_per_province=options["communes_per_province"],
            cells_per_commune=options["cells_per_commune"],
            campaigns=options["campaigns"],
            seed=options["seed"],
        )
        started = time.perf_counter()
        try:
            summary = scale_generate(spec=spec, replace=replace)
        except ScaleDataExists as error:
            raise CommandError(str(error)) from None
        seconds = format_number(Decimal(f"{time.perf_counter() - started:.1f}"), 1)
        self.stdout.write(
            f"Đã tạo {format_number(summary.committees)} cấp ủy, tổ chức đảng "
            f"({format_number(summary.party_members)} đảng viên), {format_number(summary.video_sites)} điểm cầu, "
            f"{format_number(summary.campaigns)} đợt học tập, {format_number(summary.conferences)} hội nghị, "
            f"{format_number(summary.attendances)} dòng số liệu tham dự, "
            f"{format_number(summary.unit_results)} kết quả của đơn vị trong {seconds} giây."
        )
