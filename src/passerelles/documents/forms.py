"""Forms of the curation pages: the upload of files to ingest and the correction of a project in review."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from passerelles.documents.review import REVIEWED_FIELDS
from passerelles.projects.models import Project


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and cleans to a list of them."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        clean_one = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        # No file chosen arrives as []: cleaning one empty value lets `required` refuse it.
        cleaned = [clean_one(file, initial) for file in files or [None]]
        return [file for file in cleaned if file]


class UploadForm(forms.Form):
    """Files to ingest, and whether their projects go online without review."""

    uploads = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, Word, spreadsheet, CSV, IATI or text files; choose several at once if you wish."),
    )
    publish = forms.BooleanField(
        label=_("Publish at once"),
        required=False,
        help_text=_("Otherwise the projects read wait in the review queue until a curator accepts them."),
    )

    def clean_uploads(self) -> list:
        files = self.cleaned_data["uploads"]
        limit = settings.INGEST_MAX_BYTES
        for file in files:
            if file.size > limit:
                raise forms.ValidationError(
                    _("%(file)s is too large (%(size)s MB; the limit is %(limit)s MB)."),
                    code="too_large",
                    params={"file": file.name, "size": file.size // 1_000_000, "limit": limit // 1_000_000},
                )
        return files


class ReviewForm(forms.ModelForm):
    """The fields of a project that a curator corrects while reading its source; the model validates them."""

    class Meta:
        model = Project
        fields = REVIEWED_FIELDS
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 6}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "success_conditions": forms.Textarea(attrs={"rows": 3}),
            "perspectives": forms.Textarea(attrs={"rows": 3}),
        }
