"""The template side of `projects.privacy`: a project's text as the viewer may read it."""

from django import template

from passerelles.projects.models import Project
from passerelles.projects.privacy import guard

register = template.Library()


@register.simple_tag(takes_context=True)
def shown(context, text: str, project: Project) -> str:
    """Return TEXT of PROJECT whole to a signed-in user, else with e-mails, phones and contacts masked.

    `{% shown project.summary project as summary %}` keeps it for a filter such as linebreaksbr.
    """
    user = context.get("user")
    if user is not None and user.is_authenticated:
        return text
    return guard(project)(text)
