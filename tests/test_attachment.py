"""A download names its file so that browsers read the name back exactly, whatever it holds."""

from email.message import EmailMessage

import pytest

from reporting.exports import attachment


def read_back(header: str) -> dict[str, str]:
    """The header's parameters as a mail or HTTP client parses them (RFC 2231 and 6266 names decoded)."""
    message = EmailMessage()
    message["Content-Disposition"] = header
    assert message.get_content_disposition() == "attachment"
    return dict(message["Content-Disposition"].params)


@pytest.mark.parametrize(
    "filename",
    [
        "bao-cao-01-BC-HU.pdf",
        # A document abbreviation in Vietnamese.
        "bao-cao-01-BC-ĐU.pdf",
        # A quote cannot close the name and add a parameter.
        'bao-cao"; filename="khac.exe"; size="1.pdf',
    ],
)
def test_a_download_names_its_file_exactly_and_nothing_else(filename):
    response = attachment(filename, "application/pdf", b"%PDF")

    assert read_back(response["Content-Disposition"]) == {"filename": filename}


def test_an_ascii_name_stays_plain():
    response = attachment("cay-cap-uy.xlsx", "application/pdf", b"%PDF")

    assert response["Content-Disposition"] == 'attachment; filename="cay-cap-uy.xlsx"'
