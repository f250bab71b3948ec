from django.contrib.auth.backends import ModelBackend


class SignInBackend(ModelBackend):
    """Django's backend but for one thing: the right password of a closed account returns the account, and the
    sign-in form says it is closed (``confirm_login_allowed``) instead of signing in. So every sign-in checks one
    password, whatever the name, and its time tells no one which names exist or are closed. A closed account
    keeps no session: ``get_user`` knows active accounts only."""

    def user_can_authenticate(self, user) -> bool:
        return True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
