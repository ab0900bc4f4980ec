"""The client's address, the one key every limit counts by (login lockout, certificate lookups).

Behind the reverse proxy of the deployment guide every request comes from the proxy's address,
so the client's own address is read from ``X-Forwarded-For`` by django-ipware's engine, but
only when ``PARAGRAF_BEHIND_PROXY`` is on and only over ``PARAGRAF_PROXY_HOPS`` trusted hops:
each trusted proxy appends the address it was reached from, so the client is the entry that
many places from the right. Whatever a client writes into the header itself lies further left
and is never read. With the setting off the header is ignored altogether.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str:
    """The client's address as a string ("" when the request has none)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    if not settings.PARAGRAF_BEHIND_PROXY:
        return remote
    # ipware counts the proxies listed in the header after the client; the nearest proxy (the
    # one that connects to us) is REMOTE_ADDR, not in the header.
    address, _routable = get_client_ip(
        request,
        proxy_count=settings.PARAGRAF_PROXY_HOPS - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,  # entries left of the client (written by the client itself) are allowed
    )
    # A header with fewer hops than configured proves nothing: count the proxy itself.
    return address or remote
