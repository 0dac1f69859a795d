"""What the public reads of a project: its text with the contacts' names, e-mails and phones masked.

Contacts are shown to signed-in users only (the project page, the API); every page, answer and
file that anyone can read passes the project's free text through `guard` first.
"""

from collections.abc import Callable

from passerelles.lib.privacy import mask
from passerelles.projects.models import Project


def guard(project: Project) -> Callable[[str], str]:
    """Return the function that masks a text of PROJECT for the public (its contacts best prefetched)."""
    names = [contact.name for contact in project.contacts.all()]
    return lambda text: mask(text, names)
