"""Every message of the code and the templates has its French translation in the shipped catalogue."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[1]
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def untranslated(catalogue: str) -> list[str]:
    """Return the messages of a .po text that have no translation or only a fuzzy one."""
    missing = []
    for entry in catalogue.split("\n\n"):
        lines = [line for line in entry.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        parts: dict[str, str] = {}
        key = ""
        for line in lines:
            if line.startswith("msg"):
                key = line.split(" ", 1)[0]
            if key and not line.startswith("#"):
                parts[key] = parts.get(key, "") + "".join(QUOTED.findall(line))
        message = parts.get("msgid", "")
        translations = [text for name, text in parts.items() if name.startswith("msgstr")]
        if message and (fuzzy or not all(translations)):
            missing.append(message)
    return missing


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_message_has_a_french_translation(tmp_path, monkeypatch):
    # makemessages rewrites the catalogue it updates: it works on a copy of the package.
    copy = tmp_path / "passerelles"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["fr"], verbosity=0)
    assert untranslated((copy / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text("utf-8")) == []


def test_a_message_without_translation_is_found():
    catalogue = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Water"\nmsgstr "Eau"\n\n'
        'msgid "Energy"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Health"\nmsgstr "Santé"\n\n'
        'msgid "one line"\nmsgid_plural "%(n)s lines"\nmsgstr[0] "une ligne"\nmsgstr[1] ""'
    )
    assert untranslated(catalogue) == ["Energy", "Health", "one line"]
