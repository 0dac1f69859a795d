"""Django settings, read from environment variables (see .env.example).

Without DATABASE_URL the application uses an SQLite file in the user's data
folder, so that one command runs everything on a laptop. With DEBUG=false a
SECRET_KEY must be given.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from platformdirs import user_data_path

from passerelles.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("PASSERELLES_DATA_DIR", str(user_data_path("passerelles"))))

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and envbool("PASSERELLES_PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY must be set when PASSERELLES_PRODUCTION is true.")
    # A laptop or test run: a fixed key is harmless because nothing is exposed.
    SECRET_KEY = "passerelles-local-only-not-secret"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "passerelles.lib",
    "passerelles.classification",
    "passerelles.territories",
    "passerelles.organisations",
    "passerelles.projects",
    "passerelles.documents",
    "passerelles.interop",
    "passerelles.search",
    "passerelles.matching",
    "passerelles.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "passerelles.urls"
WSGI_APPLICATION = "passerelles.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'passerelles.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Write-ahead logging: pages can be read while an import writes, which SQLite's default
    # rollback journal does not allow.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Each test run creates and drops its own database, so two runs on one server never clobber each other.
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}_{secrets.token_hex(4)}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# French first, English complete.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = envstr("TIME_ZONE", "Europe/Paris")
USE_TZ = True

STATIC_URL = "static/"
# Static files are served from the apps by WhiteNoise; STATIC_ROOT is only for `collectstatic`.
STATIC_ROOT = envstr("STATIC_ROOT", "") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

PROJECTS_PER_PAGE = envint("PROJECTS_PER_PAGE", 20)

# Limits on each file read by `passerelles ingest` and the upload page.
INGEST_MAX_BYTES = envint("INGEST_MAX_BYTES", 50_000_000)
INGEST_MAX_PAGES = envint("INGEST_MAX_PAGES", 1_000)
INGEST_MAX_SECONDS = envint("INGEST_MAX_SECONDS", 120)
# A zip container (DOCX, XLSX) may not expand beyond this, nor by more than this ratio.
INGEST_MAX_UNZIPPED_BYTES = envint("INGEST_MAX_UNZIPPED_BYTES", 200_000_000)
INGEST_MAX_ZIP_RATIO = envint("INGEST_MAX_ZIP_RATIO", 100)
# true runs an uploaded batch within the request instead of the background thread (tests, debugging).
INGEST_RUN_INLINE = envbool("INGEST_RUN_INLINE", False)
