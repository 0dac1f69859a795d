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
