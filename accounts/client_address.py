"""The address a request came from, as failed sign-ins are counted by it (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind the documented nginx every request comes from the proxy's own address; the client's is
the last entry nginx appended to X-Forwarded-For. Entries further left were written by the
client and are never believed.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """With TRUSTED_PROXY_COUNT proxies in front, the address the outermost one saw; with none, REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    # Each proxy appends the address that connected to it: the last `proxies` entries are theirs.
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < proxies:
        return remote
    try:
        return str(ip_address(hops[-proxies]))
    except ValueError:
        return remote
