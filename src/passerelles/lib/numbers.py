"""Numbers as documents write them."""

from decimal import Decimal, InvalidOperation


def to_decimal(value) -> Decimal | None:
    """Return VALUE as a Decimal, or None when it is empty or not a number."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
