"""The signing step reads the page's margins and the signature's room from the report's stylesheet."""

import pytest

from reporting.documents.stylesheet import page_geometry

MM = 72 / 25.4


def test_page_geometry_is_the_stylesheets():
    # static/report/report.css: @page { margin: 20mm 15mm 20mm 30mm } and #signature-area { height: 30mm }
    geometry = page_geometry()
    assert [round(value / MM, 3) for value in (geometry.top, geometry.right, geometry.bottom, geometry.left)] == [
        20,
        15,
        20,
        30,
    ]
    assert geometry.signature_height == pytest.approx(30 * MM)
