#!/usr/bin/env python3
"""Set up Passerelles in its own virtual environment, then run the demonstration or the test suite.

    python3 dev.py demo     install, load the demonstration data and serve http://127.0.0.1:8000
    python3 dev.py test     install with the test tools, then run every check on SQLite and PostgreSQL

Only Python 3.11 is needed; everything else is installed into .venv (and, for the tests, Debian's
Chromium and GNU gettext through apt-get when this runs as root and they are missing).
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PYTHON = BIN / "python"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


def run(*command, env=None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, env=env, check=True)


def install(extras: str) -> None:
    """Create .venv and install the project; skip when pyproject.toml has not changed since."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Passerelles needs Python 3.11; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")
    stamp.write_text(digest)


# The Debian package each test tool comes from: Chromium for the browser test, GNU gettext for the
# test that every message is translated.
TEST_TOOLS = {"chromium": "chromium", "xgettext": "gettext"}


def ensure_test_tools() -> None:
    """Install the Debian packages of the missing TEST_TOOLS when we may."""
    missing = [package for command, package in TEST_TOOLS.items() if not shutil.which(command)]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", *missing, env=env)
    else:
        names = ", ".join(missing)
        print(f"{names} missing and cannot be installed here: the tests that need them will be skipped.")


def postgres_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
        return True
    except OSError:
        return False


def demo(arguments: list[str]) -> None:
    install("")
    os.execv(BIN / "passerelles", [str(BIN / "passerelles"), "demo", *arguments])


def test(arguments: list[str]) -> None:
    install("dev")
    ensure_test_tools()
    (ROOT / "var").mkdir(exist_ok=True)
    env = dict(os.environ, PASSERELLES_DATA_DIR=str(ROOT / "var"), DEBUG="false")
    env.pop("DATABASE_URL", None)
    run(BIN / "ruff", "check", "src", "dev.py", "manage.py", env=env)
    run(BIN / "ruff", "format", "--check", "src", "dev.py", "manage.py", env=env)
    run(BIN / "mypy", "src/passerelles", env=env)
    run(PYTHON, "manage.py", "check", "--fail-level", "WARNING", env=env)
    run(PYTHON, "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    run(PYTHON, "-m", "pytest", *arguments, env=env)
    if postgres_reachable():
        run(PYTHON, "-m", "pytest", *arguments, env=dict(env, DATABASE_URL=POSTGRES_URL))
    elif os.environ.get("CI"):
        sys.exit("PostgreSQL is not reachable on 127.0.0.1:5432; CI runs the suite on both databases.")
    else:
        print("PostgreSQL is not reachable on 127.0.0.1:5432: the suite ran on SQLite only.")


def main() -> None:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    try:
        commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
