"""The `passerelles` command as cli.md writes it."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from passerelles.cli import main

pytestmark = pytest.mark.django_db


def test_export_records_writes_the_published_projects(capsys):
    assert main(["export", "--format", "records"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1 and len(document["records"]) == 13


def test_export_csv(capsys):
    assert main(["export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,title,countries")


def test_unknown_format_is_one_sentence_on_stderr_and_a_non_zero_status(capsys, monkeypatch):
    monkeypatch.setenv("PASSERELLES_LANGUAGE", "en")
    assert main(["export", "--format", "docx"]) == 2
    error = capsys.readouterr().err
    assert error == "passerelles: Unknown format “docx”; choose one of: records, csv, iati.\n"


def test_messages_are_in_french_by_default(capsys, monkeypatch):
    for name in ["PASSERELLES_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]:
        monkeypatch.delenv(name, raising=False)
    assert main(["export", "--format", "docx"]) == 2
    assert capsys.readouterr().err.startswith("passerelles: Format inconnu « docx »")


def test_demo_without_serving_loads_again_without_duplicates(capsys):
    assert main(["demo", "--no-serve"]) == 0
    assert "13" in capsys.readouterr().out
    assert main(["export", "--format", "records"]) == 0
    assert len(json.loads(capsys.readouterr().out)["records"]) == 13


def test_serve_answers_pages_on_a_fresh_database(tmp_path):
    """Run the real command in its own process: demo --no-serve, then serve, then fetch pages."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", PASSERELLES_LANGUAGE="en")
    command = [sys.executable, "-m", "passerelles.cli"]
    subprocess.run([*command, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    with sqlite3.connect(tmp_path / "site.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*command, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE)
    try:
        for _attempt in range(100):
            try:
                home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "<dd>13</dd>" in home
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/passerelles/site.css", timeout=2)
        assert css.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def _search_bench(tmp_path) -> tuple[list[str], dict[str, str]]:
    """Return the command of the search benchmark and its environment, on a database of TMP_PATH.

    In a process of its own: the benchmark switches the database connection.
    """
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/main.sqlite3",
        "PASSERELLES_DATA_DIR": str(tmp_path),
        "PASSERELLES_LANGUAGE": "en",
    }
    command = [sys.executable, "-c", "from passerelles.cli import main; raise SystemExit(main())", "bench"]
    return [*command, "search"], env


def test_search_bench_keeps_its_data_set_and_queries_it_again(tmp_path):
    kept = tmp_path / "bench.sqlite3"
    command, env = _search_bench(tmp_path)
    command += ["--database", str(kept)]
    first = subprocess.run(
        [*command, "--projects", "6", "--organisations", "30"], env=env, capture_output=True
    )
    again = subprocess.run(command, env=env, capture_output=True)
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    built, queried = first.stdout.decode(), again.stdout.decode()
    assert "index_build_s" in built and "index_build_s" not in queried
    for figures in (built, queried):
        assert "projects 6, organisations 30" in figures and "match_p95_ms" in figures
        assert "match_disk_read_mb" in figures
    assert kept.exists()

    # A rebuild cut short leaves part of the records without entries: the index is built again.
    with sqlite3.connect(kept) as database:
        database.execute("DELETE FROM search_searchentry WHERE kind = 'organisation' AND id % 2 = 0")
    mended = subprocess.run(command, env=env, capture_output=True)
    assert mended.returncode == 0, mended.stderr
    assert "index_build_s" in mended.stdout.decode()
    with sqlite3.connect(kept) as database:
        (organisations,) = database.execute(
            "SELECT count(*) FROM search_searchentry WHERE kind = 'organisation'"
        ).fetchone()
    assert organisations == 30


def test_search_bench_matching_alone_builds_no_search_index(tmp_path):
    command, env = _search_bench(tmp_path)
    command += ["--projects", "6", "--organisations", "30"]
    alone = subprocess.run([*command, "--modes", "match"], env=env, capture_output=True)
    assert alone.returncode == 0, alone.stderr
    figures = alone.stdout.decode()
    assert "match_p95_ms" in figures and "index_build_s" not in figures and "lexical" not in figures
    wrong = subprocess.run([*command, "--modes", "match,speed"], env=env, capture_output=True)
    assert wrong.returncode == 2 and "“speed”" in wrong.stderr.decode() and not wrong.stdout
