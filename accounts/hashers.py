"""The hash of a one-time password: random (57 bits, from READABLE), kept only until its first use, when the
owner sets their own and Django hashes that with the site's first hasher. A cheaper PBKDF2 here lets a district
be given hundreds of accounts in one request (the site's own hasher takes a quarter of a second each)."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_one_time"
    iterations = 20_000
