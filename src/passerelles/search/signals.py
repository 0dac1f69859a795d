"""Drop deleted records from the index, whatever deleted them.

Saves go through the actions and the admin, which call `search.index` themselves; deletions
also come from cascades and from the admin's bulk "delete selected", which only signals reach.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project
from passerelles.search.index import remove_organisation, remove_project, remove_territory
from passerelles.territories.models import Territory


@receiver(post_delete, sender=Project, dispatch_uid="search-remove-project")
def _project_deleted(sender, instance: Project, **kwargs) -> None:
    remove_project(instance.pk)


@receiver(post_delete, sender=Organisation, dispatch_uid="search-remove-organisation")
def _organisation_deleted(sender, instance: Organisation, **kwargs) -> None:
    remove_organisation(instance.pk)


@receiver(post_delete, sender=Territory, dispatch_uid="search-remove-territory")
def _territory_deleted(sender, instance: Territory, **kwargs) -> None:
    remove_territory(instance.pk)
