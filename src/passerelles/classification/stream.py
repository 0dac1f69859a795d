"""Classify a stream of JSON lines: the `passerelles classify` command, without any database.

Each text is classified as the product classifies a project's text (`classify_document`): a text
of several paragraphs gets the labels its paragraphs support.
"""

import json
from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _

from passerelles.classification.pipeline import classify_documents

# Lines are classified in chunks so that their sentence embeddings are computed in one batch.
CHUNK = 64


def read_line(line: bytes) -> tuple[object, object, str | None]:
    """Return the id, the text and an error (None when the line could be read) of one input line."""
    try:
        item = json.loads(line.decode("utf-8", "replace"))
    except ValueError as error:
        return None, None, _("not a JSON object (%(error)s)") % {"error": error}
    if not isinstance(item, dict):
        return None, None, _("not a JSON object")
    if item.get("id") is None:
        return None, None, _('the object has no "id"')
    return item["id"], item.get("text", ""), None


def run(lines: Iterable[bytes], out: IO[str], err: IO[str]) -> int:
    """Write one JSON line of labels to OUT per input line, in order; return 1 if a line was unreadable.

    Blank lines are skipped. An unreadable line gets {"id", "error"} on OUT and a sentence
    on ERR naming its number; a text that cannot be classified gets empty labels and a
    "warning".
    """
    status = 0
    # Each line waiting in the chunk: its id, its text, and the output of an unreadable line.
    chunk: list[tuple[object, object, dict | None]] = []

    def flush() -> None:
        labels = iter(classify_documents([text for _id, text, unreadable in chunk if unreadable is None]))
        for item_id, _text, unreadable in chunk:
            result = unreadable or {"id": item_id, **next(labels).as_dict()}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        chunk.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item_id, text, error = read_line(line)
        if error:
            status = 1
            where = _("line %(number)s") % {"number": number}
            print(f"passerelles: {where}: {error}", file=err)
            chunk.append((item_id, text, {"id": item_id, "error": error}))
        else:
            chunk.append((item_id, text, None))
        if len(chunk) >= CHUNK:
            flush()
    flush()
    out.flush()
    return status
