"""6. A hostile workbook: a few kilobytes that declare a sheet of 99,000 rows by 16,384 columns.

The sheet's ``<dimension ref="A1:XFD99000"/>`` claims the whole width of
Excel, but it holds only the template's nine headers and one cell at A99000.
A reader that believes the declaration pads every row to 16,384 cells (60 s
and 6.9 GB for this file before the reader stopped believing it). The file
goes through ``import_results`` as an upload would; each variant is measured
in a process of its own, so the memory it adds is the reading's alone.

    python -m benchmarks.hostile_upload 99000   # one measurement, as JSON
"""

import io
import json
import random
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

from benchmarks.common import Row, seconds_text

LAST_ROWS = (99_000, 20_000)
SECONDS = 2.0
PICTURE_SECONDS = 1.0
MEGABYTES = 100
REASON = (
    "The reader (reporting/results/import_reading.py) no longer believes the declared dimension and reads "
    "at most MAX_COLUMNS columns; if this is missed, it believes it again somewhere."
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet+xml"/>
</Types>"""
PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">
<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets><sheet name="Kết quả" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">
<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""


def hostile_workbook(rows: Mapping[int, Sequence[object]], *, dimension: str, name: str = "ket-qua.xlsx") -> io.BytesIO:
    """An .xlsx made by hand: ``rows`` by their number (values from column A; a value of None leaves its cell
    out), under a sheet that declares ``dimension``, whatever the rows really fill."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", _sheet(rows, dimension=dimension))
    archive.seek(0)
    archive.name = name
    return archive


def declared_everywhere(last_row: int) -> io.BytesIO:
    """The file of the issue: the template's headers, one cell at A``last_row``, a sheet declared 16,384 columns
    wide."""
    from reporting.results.template import HEADERS

    headers = [str(header) for header in HEADERS]
    return hostile_workbook({1: headers, last_row: ["tam-duong-ta-leng"]}, dimension=f"A1:XFD{last_row}")


def _sheet(rows: Mapping[int, Sequence[object]], *, dimension: str) -> str:
    lines = []
    for number, values in sorted(rows.items()):
        cells = "".join(
            _cell(f"{get_column_letter(column)}{number}", value)
            for column, value in enumerate(values, start=1)
            if value is not None
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f"<dimension ref={quoteattr(dimension)}/><sheetData>{''.join(lines)}</sheetData></worksheet>"
    )


def _cell(reference: str, value: object) -> str:
    if isinstance(value, int):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def run() -> list[Row]:
    return [*(_row(last_row) for last_row in LAST_ROWS), _picture_row()]


def _picture_row() -> Row:
    """The costliest seal or signature picture allowed: 2000 × 2000 pixels of noise, which no compression shrinks,
    read and stored again as the seal page does."""
    from PIL import Image

    from reporting.documents.stamp_images import read_png

    noise = Image.frombytes("1", (2000, 2000), random.Random(7).randbytes(2000 * 2000 // 8))
    upload = io.BytesIO()
    noise.save(upload, format="PNG")
    kb = len(upload.getvalue()) / 1024
    upload.seek(0)
    started = time.perf_counter()
    read_png(upload)
    seconds = time.perf_counter() - started
    met = seconds < PICTURE_SECONDS
    row = Row(
        benchmark="6. hostile upload",
        case=f"a {kb:.0f} KB PNG of 2000 × 2000 pixels of noise, as a seal",
        result=seconds_text(seconds),
        target=f"< {PICTURE_SECONDS:.0f} s",
        met=met,
        miss="" if met else f"{seconds_text(seconds)}. The picture is compressed again at a costly level.",
    )
    row.print()
    return row


def _row(last_row: int) -> Row:
    """The variant measured in a process of its own, against both targets."""
    command = [sys.executable, "-m", "benchmarks.hostile_upload", str(last_row)]
    measured = json.loads(subprocess.run(command, capture_output=True, check=True, text=True).stdout)
    seconds, grown = measured["seconds"], measured["grown_mb"]
    met = seconds < SECONDS and grown < MEGABYTES
    row = Row(
        benchmark="6. hostile upload",
        case=f"{measured['kb']:.1f} KB declaring A1:XFD{last_row}, one cell at A{last_row}: {measured['outcome']}",
        result=f"{seconds_text(seconds)}, +{grown:.0f} MB",
        target=f"< {SECONDS:.0f} s, < {MEGABYTES} MB",
        met=met,
        miss="" if met else f"{seconds_text(seconds)} and +{grown:.0f} MB of memory. {REASON}",
    )
    row.print()
    return row


def _measure(last_row: int) -> dict[str, object]:
    """One import of the hostile file in this process: its seconds, what the process's peak memory grew by."""
    from conferences.models import Campaign, Committee
    from reporting.results.importing import ImportRejected, import_results

    campaign, district = Campaign.objects.get(code="tw8-khoa-xiii"), Committee.objects.get(code="tam-duong")
    file = declared_everywhere(last_row)
    kb = len(file.getvalue()) / 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        outcome = import_results(file=file, campaign=campaign, committee=district).message()
    except ImportRejected as rejected:
        outcome = f"refused, “{rejected}”"
    seconds = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024  # kilobytes on Linux
    return {"seconds": seconds, "grown_mb": grown, "kb": kb, "outcome": outcome}


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(json.dumps(_measure(int(sys.argv[1])), ensure_ascii=False))
