"""Shared test fixtures: the demonstration data and the named people of the permission tests.

Alice is a curator (staff, may use the admin), Bob is a signed-in member without any role,
and an anonymous visitor is the plain `client`.
"""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from passerelles.demo.load import load_demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demonstration data once into the test database."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(
        "alice", "alice@example.org", "alice-password-2026", is_staff=True, is_superuser=True
    )


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.org", "bob-password-2026")


@pytest.fixture
def carol(django_user_model):
    """Carol is a curator through the "Curateurs" group, without staff or superuser rights."""
    user = django_user_model.objects.create_user("carol", "carol@example.org", "carol-password-2026")
    user.groups.add(Group.objects.get(name="Curateurs"))
    return user


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture(autouse=True)
def french_by_default():
    """Start every test in French: a request in English leaves English active in the thread."""
    translation.activate("fr")
    yield
    translation.activate("fr")


def admin_form_data(client, url: str) -> dict:
    """Return the data the admin change form at URL would post unchanged: its fields and inlines.

    JSON list fields are sent as the empty list, as the form shows them for records without any.
    """
    response = client.get(url)
    form = response.context["adminform"].form
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple) and name not in ("sdg_targets", "action_countries", "aliases"):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None:
            data[name] = value
    for name in ("sdg_targets", "action_countries", "aliases"):
        if name in form.fields and not form[name].value():
            data[name] = "[]"
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{inline_form.prefix}-{name}"] = value
    return data
