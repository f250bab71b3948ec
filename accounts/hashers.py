"""The hash of a one-time password: random (57 bits, from READABLE), kept only until its first use, when the
owner sets their own and Django hashes that with the site's first hasher. A cheaper PBKDF2 here lets a district
be given hundreds of accounts in one request (the site's own hasher takes a quarter of a second each). Checking
one costs what checking any other password does, so the time of a sign-in does not tell which accounts still
wait for their first."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_one_time"
    iterations = 20_000

    def verify(self, password: str, encoded: str) -> bool:
        default = get_hasher("default")
        default.encode(password, default.salt())  # the time of any other sign-in
        return super().verify(password, encoded)
