"""Facet values shown beside a list, each with the link that selects or clears it."""

from dataclasses import dataclass

from django.http import QueryDict


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


def add_links(params: QueryDict, facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    """Give every value the query string that selects it, or clears it when already selected."""
    for key, values in facets.items():
        for value in values:
            query = params.copy()
            query.pop("page", None)
            if value.selected:
                query.pop(key, None)
            else:
                query[key] = value.value
            value.url = "?" + query.urlencode()
    return facets
