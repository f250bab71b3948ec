import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The Tam Đường and Tây Sơn demo, as `make run` loads it."""
    call_command("load_demo", stdout=io.StringIO())
