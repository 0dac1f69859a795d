"""Tell a page request from an htmx request that wants only a fragment of the page."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Return True when htmx sent REQUEST to swap in a fragment, False for a full page load.

    A boosted link (`hx-boost`) or a history restore asks for the whole page, so both get it.
    """
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )
