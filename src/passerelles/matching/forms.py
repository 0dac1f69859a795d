from django import forms
from django.utils.translation import gettext_lazy as _

from passerelles.lib.countries import country_choices


class NeedForm(forms.Form):
    """A partner territory's need, and optionally the country where it is."""

    need = forms.CharField(
        label=_("The need"),
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the partner territory wants to do, in French or English."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Names follow the active language, so the choices are built per request.
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any country")), *country_choices()]
