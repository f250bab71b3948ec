import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The Tam Đường and Tây Sơn demo, as `make run` loads it."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def staff_client(client, demo, django_user_model):
    """Nguyễn Thị Hồng of Tam Đường's Propaganda Department, signed in."""
    client.force_login(django_user_model.objects.get(username="tuyengiao"))
    return client
