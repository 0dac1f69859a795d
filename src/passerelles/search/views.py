"""The search page: one form, live results through htmx, facets with counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from passerelles.lib.facets import add_links
from passerelles.lib.htmx import is_htmx
from passerelles.search.engine import search, search_params

PER_PAGE = 20


def search_page(request: HttpRequest) -> HttpResponse:
    """Show the results of ?q= with its filters; answer an htmx request with the results alone.

    A refused filter value is ignored and named in a notice, as on the project list.
    """
    text, filters, errors = search_params(request.GET)
    page = request.GET.get("page", "1")
    number = int(page) if page.isdigit() and 0 < int(page) < 1000 else 1
    results = search(text, filters, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    results.notices = errors + results.notices
    results.facets = add_links(request.GET, results.facets)
    context = {
        "results": results,
        "active": filters.active(),
        "page_number": number,
        "has_next": results.total > number * PER_PAGE,
        "has_previous": number > 1,
    }
    template = "htmx/search_results.html" if is_htmx(request) else "search/search.html"
    return render(request, template, context)
