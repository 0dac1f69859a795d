"""Strict readers for environment variables: a wrong value stops start-up with a clear message."""

import os

from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool) -> bool:
    """Return the boolean in NAME; only "true" and "false" (any case) are accepted."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}.")


def envint(name: str, default: int) -> int:
    """Return the integer in NAME."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def envstr(name: str, default: str) -> str:
    """Return the text in NAME, or the default when it is unset or empty."""
    return os.environ.get(name) or default


def envlist(name: str, default: list[str]) -> list[str]:
    """Return the comma-separated values in NAME."""
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
