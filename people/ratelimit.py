"""A fixed-window counter in Django's cache, shared by the limits that are not logins (axes
handles those): certificate verification per client address, quiz autosave per attempt."""

from __future__ import annotations

from django.core.cache import cache


def window_count(key: str, window_seconds: int) -> int:
    """Count one event under ``key`` and return how many the current window holds (1 for the
    first). Atomic on Redis and locmem: parallel requests each get their own number."""
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, window_seconds)
        return 1
