from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from passerelles.classification.actions import mark_human, tag_project
from passerelles.documents.admin import SourceReferenceInline
from passerelles.projects.models import (
    Contact,
    FundingLine,
    Indicator,
    Measurement,
    Participation,
    Project,
    Result,
    validate_funding_shares,
)
from passerelles.search.index import update_project


class FundingFormSet(BaseInlineFormSet):
    """Check that the lines kept in the form add up to at most 100 %."""

    def clean(self) -> None:
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            validate_funding_shares(f.cleaned_data.get("share_pct") for f in kept)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation", "territory"]


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    formset = FundingFormSet
    extra = 0
    autocomplete_fields = ["funder_organisation", "funder_territory"]


class ResultInline(admin.StackedInline):
    model = Result
    extra = 0
    show_change_link = True


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["organisation", "territory"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "start_year", "status", "ess_dimension", "is_published"]
    list_filter = ["is_published", "ess_dimension", "status", "themes", "sdgs", "territories__country"]
    search_fields = ["title", "summary", "territories__name", "participations__organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["territories"]
    filter_horizontal = ["themes", "sdgs"]
    inlines = [ParticipationInline, FundingLineInline, ResultInline, ContactInline, SourceReferenceInline]

    @transaction.atomic
    def save_related(self, request, form, formsets, change) -> None:
        """Keep the SDGs and themes a curator set here as human labels, tag the text, index the project.

        The choice is recorded before the labels are replaced (mark_human compares with them), and
        the classifier runs after: it only adds labels nobody decided against.
        """
        project = form.instance
        decided = {name: form.cleaned_data[name] for name in ("sdgs", "themes") if name in form.changed_data}
        if decided:
            # The form shows every goal and theme: the list saved is the curator's whole answer.
            mark_human(project, decided.get("sdgs"), decided.get("themes"), request.user, whole_list=True)
        super().save_related(request, form, formsets, change)
        tag_project(project)
        update_project(project)


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["project", "organisation", "territory", "role"]
    list_filter = ["role", "organisation__type"]
    search_fields = ["project__title", "organisation__name", "territory__name"]
    autocomplete_fields = ["project", "organisation", "territory"]


@admin.register(FundingLine)
class FundingLineAdmin(admin.ModelAdmin):
    list_display = ["project", "funder", "amount", "currency", "share_pct"]
    list_filter = ["currency", "funder_organisation__type"]
    search_fields = ["project__title", "funder_organisation__name", "funder_territory__name"]
    autocomplete_fields = ["project", "funder_organisation", "funder_territory"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    show_change_link = True


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "project"]
    list_filter = ["project__status"]
    search_fields = ["title", "description", "project__title"]
    autocomplete_fields = ["project"]
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "result", "unit", "baseline", "target"]
    list_filter = ["unit"]
    search_fields = ["name", "result__title", "result__project__title"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "value"]
    list_filter = ["year"]
    search_fields = ["indicator__name"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "email", "project", "organisation"]
    list_filter = ["organisation__type", "territory__country"]
    search_fields = ["name", "email", "function", "project__title", "organisation__name"]
    autocomplete_fields = ["project", "organisation", "territory"]
    actions = ["erase_personal_data"]

    @admin.action(description=_("Erase the personal data of the selected people"))
    def erase_personal_data(self, request, queryset) -> None:
        count, _deleted = queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)d contact erased.", "%(count)d contacts erased.", count) % {"count": count},
            messages.SUCCESS,
        )
