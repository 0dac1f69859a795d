"""Validators for values that every app stores: years, shares, amounts."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1900
# Projects are planned a few years ahead, rarely more than a decade.
YEARS_AHEAD = 15


def validate_year(year: int) -> None:
    """Refuse a year before 1900 or more than 15 years in the future."""
    last = datetime.date.today().year + YEARS_AHEAD
    if year is not None and not FIRST_YEAR <= year <= last:
        raise ValidationError(
            _("%(year)s is not a plausible year (between %(first)s and %(last)s)."),
            code="year",
            params={"year": year, "first": FIRST_YEAR, "last": last},
        )


def validate_share(share: Decimal) -> None:
    """Refuse a share outside 0-100 %."""
    if share is not None and not 0 <= share <= 100:
        raise ValidationError(
            _("A share must lie between 0 and 100 %%, not %(share)s."),
            code="share",
            params={"share": share},
        )


def validate_amount(amount: Decimal) -> None:
    """Refuse a negative amount."""
    if amount is not None and amount < 0:
        raise ValidationError(
            _("An amount cannot be negative (%(amount)s)."), code="amount", params={"amount": amount}
        )


# RFC 6531 allows any character but separators in the local part ("sébastien.x@ville.fr"),
# which Django's EmailValidator refuses; the domain is checked by Django's own rules.
_LOCAL_PART = re.compile(r"^[^\s@\"(),:;<>\[\]\\]+$")


def validate_email_address(value: str) -> None:
    """Refuse a value that is not an e-mail address; internationalised local parts are accepted."""
    local, at, domain = (value or "").rpartition("@")
    if (
        not at
        or not _LOCAL_PART.match(local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        raise ValidationError(
            _("“%(value)s” is not an e-mail address."), code="email", params={"value": value}
        )
    try:
        EmailValidator()(f"x@{domain}")
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not an e-mail address."), code="email", params={"value": value}
        ) from None
