"""A refused upload lists its first 200 errors and says how many more: never a page of every bad row."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse, reverse_lazy

from tests.workbooks import row, xlsx

pytestmark = pytest.mark.django_db

MORE = "… và 50 lỗi khác. Sửa các lỗi trên rồi tải tệp lên lại để xem tiếp."


def bad_codes(count: int) -> io.BytesIO:
    return xlsx(*(row(**{"Mã đơn vị": f"khong-co-{n}"}) for n in range(count)))


def test_the_page_lists_two_hundred_errors_and_counts_the_rest(client, demo):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    upload = bad_codes(250)
    upload.name = "ket-qua.xlsx"
    response = client.post(reverse("results_import", args=["tw8-khoa-xiii"]), {"file": upload})
    content = response.content.decode()
    assert content.count("không thuộc Huyện ủy Tam Đường") == 200
    assert f'<p class="text-danger" id="more-errors">{MORE}</p>' in content


def test_the_command_lists_two_hundred_errors_and_counts_the_rest(demo, tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(bad_codes(250).getvalue())
    with pytest.raises(CommandError) as refused:
        call_command("import_results", str(path), campaign="tw8-khoa-xiii", committee="tam-duong")
    lines = str(refused.value).splitlines()
    assert len(lines) == 1 + 200 + 1 and lines[-1] == MORE


@pytest.mark.parametrize(
    "url", [reverse_lazy("results_import", args=["tw8-khoa-xiii"]), reverse_lazy("committee_import")]
)
def test_an_empty_file_is_refused_at_its_field_in_vietnamese(client, demo, url):
    client.force_login(get_user_model().objects.get(username="tuyengiao"))
    response = client.post(url, {"file": SimpleUploadedFile("trong.xlsx", b"")})
    assert response.context["form"].errors == {"file": ["Tệp đã chọn không có nội dung."]}
