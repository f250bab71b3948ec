from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class SignInBackend(ModelBackend):
    """Django's backend but for one thing: the right password of a closed account returns the account, and the
    sign-in form says it is closed (``confirm_login_allowed``) instead of signing in. So every sign-in checks one
    password, whatever the name, and its time tells no one which names exist or are closed. A closed account
    keeps no session: ``get_user`` knows active accounts only."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        """The request's user, with the committee nearly every page scopes itself by (one query, not two)."""
        return get_user_model()._default_manager.select_related("committee").filter(pk=user_id, is_active=True).first()
