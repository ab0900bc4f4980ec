"""``/soeg/``: the learner's search page (any logged-in person)."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .models import SearchEntry
from .selectors import MAX_QUERY, query_clean, search

logger = logging.getLogger(__name__)


@login_required
@never_cache
def search_page(request: HttpRequest) -> HttpResponse:
    query, truncated = query_clean(request.GET.get("q"))
    kind = request.GET.get("type") or None
    if kind not in SearchEntry.Kind.values:
        kind = None
    result = None
    if query:
        result = search(query=query, kind=kind, page=request.GET.get("side") or 1)
        result.truncated = truncated
        logger.info(
            "search user=%s kind=%s chars=%s hits=%s",
            request.user.pk,
            kind,
            len(query),
            result.total,
        )
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "kind": kind,
            "result": result,
            "max_query": MAX_QUERY,
            "kinds": SearchEntry.Kind,
        },
    )
