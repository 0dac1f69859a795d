"""Template helpers shared by every page."""

from django import template
from django.urls import translate_url
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """Return the address of the current page in the language CODE, query string kept."""
    request = context["request"]
    url = translate_url(request.path, code)
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """Return the current query string pointing to page NUMBER."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + urlencode(sorted(params.items()))


@register.filter
def money(value) -> str:
    """Write an amount with thin-space thousands and no useless decimals (140 000)."""
    if value is None:
        return ""
    number = int(value) if value == int(value) else float(value)
    text = f"{number:,}".replace(",", "\u202f")
    return text


@register.filter
def percent(value) -> str:
    """Write a share such as 40 or 12.5 without trailing zeros."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
