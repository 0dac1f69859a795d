import io
import json
import os
import subprocess
import sys
from pathlib import Path

from passerelles.classification.pipeline import classify, classify_document
from passerelles.classification.stream import CHUNK, run


def classify_lines(*lines: bytes) -> tuple[list[dict], str, int]:
    out, err = io.StringIO(), io.StringIO()
    status = run(lines, out, err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), status


def test_one_line_per_input_in_order():
    given = [
        json.dumps({"id": f"t{i}", "text": text}).encode()
        for i, text in enumerate(
            ["Accès à l'eau potable.", "Solar home systems for rural clinics.", "Lutte contre le paludisme."]
        )
    ]
    results, err, status = classify_lines(*given)
    assert [r["id"] for r in results] == ["t0", "t1", "t2"]
    assert [r["sdgs"] for r in results] == [[6], [3, 7], [3]]
    assert status == 0 and err == ""
    assert set(results[0]) == {
        "id",
        "sdgs",
        "themes",
        "ess_dimension",
        "ess_score",
        "sdg_targets",
        "language",
        "evidence",
        "meaning",
    }


FICHE = (
    "La commune de Dori et la ville partenaire construisent des forages et des bornes-fontaines pour "
    "l'accès à l'eau potable des quartiers périphériques, avec des latrines dans les écoles et un comité de "
    "gestion de l'eau formé par le projet.\n\n"
    "Le comité de pilotage se réunit chaque année dans la salle de la mairie ; les élus des deux communes y "
    "font le point sur les travaux, les comptes et le calendrier, puis visitent ensemble un chantier de "
    "forage en cours de réalisation."
)


def test_a_text_of_several_paragraphs_gets_the_labels_the_product_gives_a_project_text():
    # The second paragraph alone names local governance; a fiche needs more to be about it.
    assert "gouvernance_locale" in classify(FICHE).themes
    expected = classify_document(FICHE)
    assert expected.themes == ["eau_assainissement"]
    results, _err, status = classify_lines(json.dumps({"id": "fiche", "text": FICHE}).encode())
    assert status == 0 and results == [{"id": "fiche", **expected.as_dict()}]


def test_unreadable_lines_give_an_error_line_and_a_message_and_a_failing_status():
    results, err, status = classify_lines(
        b'{"id": 1, "text": "Eau potable."}',
        b"not json at all",
        b'{"text": "no id"}',
        b"\xff\xfe\x00garbage",
        b'["a", "list"]',
        b'{"id": 6, "text": "Commerce \xc3\xa9quitable."}',
    )
    assert [r["id"] for r in results] == [1, None, None, None, None, 6]
    assert [("error" in r) for r in results] == [False, True, True, True, True, False]
    assert results[5]["themes"] == ["commerce_equitable"]
    assert status == 1
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        "ligne 2",
        "ligne 3",
        "ligne 4",
        "ligne 5",
    ]
    assert all(line.startswith("passerelles: ligne ") for line in err.splitlines())


def test_texts_that_cannot_be_classified_give_a_warning_not_an_error():
    results, err, status = classify_lines(
        b'{"id": "empty", "text": ""}',
        b'{"id": "missing"}',
        b'{"id": "number", "text": 42}',
        b'{"id": "lone", "text": "Eau potable \\ud800 pour tous"}',
    )
    assert status == 0 and err == ""
    assert [bool(r.get("warning")) for r in results] == [True, True, True, False]
    assert results[3]["sdgs"] == [6]


def test_blank_lines_are_skipped():
    results, _err, status = classify_lines(b"", b'{"id": 1, "text": "Eau potable."}', b"  \n")
    assert [r["id"] for r in results] == [1] and status == 0


def test_the_command_needs_no_database(tmp_path: Path):
    database = tmp_path / "never" / "created.sqlite3"
    lines = [
        {"id": "a", "text": "Une coopérative de femmes transforme le karité."},
        {"id": "b", "text": "x" * 1_000_000},
        {"id": "c", "text": "Ein Text auf Deutsch über die Wasserversorgung in den Dörfern der Region."},
    ]
    payload = "".join(json.dumps(line) + "\n" for line in lines) + "{broken\n"
    run_ = subprocess.run(
        [sys.executable, "-c", "import sys; from passerelles.cli import main; sys.exit(main(['classify']))"],
        input=payload.encode(),
        capture_output=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        timeout=60,
    )
    results = [json.loads(line) for line in run_.stdout.decode().splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c", None]
    assert results[0]["ess_dimension"] is True
    assert results[1]["warning"] and results[2]["language"] == "other"
    assert run_.returncode == 1
    assert run_.stderr.decode().strip() == "passerelles: ligne 4: " + results[3]["error"]
    assert not database.exists()


def test_order_is_kept_across_the_chunks_whose_embeddings_are_computed_together():
    lines = [
        b"not json"
        if i % 10 == 3
        else json.dumps({"id": i, "text": f"Forage numéro {i} pour l'eau potable."}).encode()
        for i in range(2 * CHUNK + 7)
    ]
    results, err, status = classify_lines(*lines)
    assert len(results) == len(lines) and status == 1
    assert [r.get("sdgs") for r in results] == [None if i % 10 == 3 else [6] for i in range(len(lines))]
    assert [r["id"] for r in results if "error" not in r] == [i for i in range(len(lines)) if i % 10 != 3]
    assert err.count("\n") == sum(1 for i in range(len(lines)) if i % 10 == 3)
