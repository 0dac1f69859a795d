"""The `passerelles` command (see shared/spec/cli.md for the stable forms)."""

import argparse
import os
import sys
from pathlib import Path

from django.utils.translation import gettext as _


def _language() -> str:
    """Return "en" or "fr" from the usual locale variables; French is the default."""
    for name in ["PASSERELLES_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]:
        value = os.environ.get(name, "")
        if value and value not in {"C", "POSIX", "C.UTF-8"}:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    import django
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and name != ":memory:":
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.utils import translation

    translation.activate(_language())


def migrate(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if args.verbose else 0)
    return 0


def demo(args: argparse.Namespace) -> int:
    from passerelles.demo.load import load_demo

    migrate(args)
    counts = load_demo()
    print(
        _(
            "Demonstration data loaded: %(projects)s projects, %(organisations)s organisations, "
            "%(territories)s territories, %(documents)s documents."
        )
        % counts
    )
    if args.no_serve:
        return 0
    return serve(args)


def serve(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from waitress import serve as waitress_serve

    from passerelles.wsgi import application

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print(_("The database schema is not up to date: run `passerelles migrate` first."), file=sys.stderr)
        return 1
    print(
        _("Passerelles is served on http://%(host)s:%(port)s/ (Ctrl+C to stop).")
        % {"host": args.host, "port": args.port},
        flush=True,
    )
    waitress_serve(application, host=args.host, port=args.port, threads=8, _quiet=True)
    return 0


def export(args: argparse.Namespace) -> int:
    from passerelles.interop import get_format
    from passerelles.interop.records import exported_projects

    get_format(args.format).write(exported_projects(), sys.stdout)
    return 0


def ingest(args: argparse.Namespace) -> int:
    import json

    from passerelles.documents.actions import ingest_paths

    def progress(done: int, total: int, name: str) -> None:
        if total > 1 and not args.json and name:
            print(
                _("[%(done)s/%(total)s] %(file)s") % {"done": done + 1, "total": total, "file": name},
                file=sys.stderr,
                flush=True,
            )

    migrate(args)
    outcomes = ingest_paths([Path(p) for p in args.paths], publish=args.publish, progress=progress)
    if args.json:
        print(json.dumps({"files": [o.as_dict() for o in outcomes]}, ensure_ascii=False, indent=1))
    else:
        for outcome in outcomes:
            print(outcome.message, file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1


def classify(args: argparse.Namespace) -> int:
    from passerelles.classification.stream import run

    return run(sys.stdin.buffer, sys.stdout, sys.stderr)


def bench(args: argparse.Namespace) -> int:
    import json

    from passerelles.lib.bench import BENCHMARKS, benchmark

    names = [args.name] if args.name else list(BENCHMARKS)
    for name in names:
        if name not in BENCHMARKS:
            print(
                _("passerelles: unknown benchmark “%(name)s”; choose one of: %(names)s.")
                % {"name": name, "names": ", ".join(BENCHMARKS)},
                file=sys.stderr,
            )
            return 2
    from passerelles.search.bench import MODES

    modes = [mode.strip() for mode in args.modes.split(",")] if args.modes else []
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown:
        print(
            _("passerelles: unknown search figure “%(mode)s”; choose among: %(modes)s.")
            % {"mode": unknown[0], "modes": ", ".join(MODES)},
            file=sys.stderr,
        )
        return 2
    # Sizes are for the benchmarks that build a synthetic data set (search); the others take none.
    options = [
        ("projects", args.projects),
        ("organisations", args.organisations),
        ("database", args.database),
        ("modes", modes),
    ]
    sizes = {k: v for k, v in options if v}
    for name in names:
        if name == "extract":
            from passerelles.documents.bench import bench_extract, extract_table

            records = Path(args.records) if args.records else None
            figures = bench_extract([Path(p) for p in args.paths], step=args.step, records=records)
        else:
            figures = benchmark(name)(**sizes) if sizes and name == "search" else benchmark(name)()
        if args.json:
            print(json.dumps({name: figures}, ensure_ascii=False), flush=True)
        elif name == "extract":
            print(extract_table(figures), flush=True)
        else:
            # Figures of one part of the run (a kind of document) stand on their own line.
            parts = {key: value for key, value in figures.items() if isinstance(value, dict)}
            scalars = ", ".join(f"{key} {value}" for key, value in figures.items() if key not in parts)
            print(f"{name}: {scalars}", flush=True)
            for part, values in parts.items():
                print(
                    f"{name} {part}: " + ", ".join(f"{key} {value}" for key, value in values.items()),
                    flush=True,
                )
    return 0


def match(args: argparse.Namespace) -> int:
    import json

    from passerelles.matching.pipeline import match as match_need

    found = match_need(args.need, args.country, args.limit)
    organisations = [candidate.as_dict() for candidate in found.organisations]
    if args.json:
        answer = (
            {"organisations": organisations, "projects": [p.as_dict() for p in found.projects]}
            if args.projects
            else organisations
        )
        print(json.dumps(answer, ensure_ascii=False, indent=1))
        return 0
    for rank, item in enumerate(organisations, start=1):
        print(f"{rank}. {item['name']} ({item['score']:.2f})")
        for reason in item["why"]:
            print(f"   - {reason}")
    if args.projects:
        print(_("Similar projects:"))
        for project in found.projects:
            print(f"   - {project.project.title} ({project.score:.2f})")
    return 0


def search(args: argparse.Namespace) -> int:
    import json

    from passerelles.lib.errors import InputError
    from passerelles.search.engine import MAX_LIMIT, parse_filters
    from passerelles.search.engine import search as run_search
    from passerelles.search.index import rebuild

    if args.rebuild:
        counts = rebuild()
        print(
            _(
                "Index rebuilt: %(project)s projects, %(organisation)s organisations, "
                "%(territory)s territories."
            )
            % counts
        )
        if not args.query:
            return 0
    if not 1 <= args.limit <= MAX_LIMIT:
        raise InputError(_("--limit must be from 1 to %(max)s.") % {"max": MAX_LIMIT})
    filters, errors = parse_filters(
        {"country": args.country, "theme": args.theme, "sdg": args.sdg, "kind": args.kind}
    )
    if errors:
        raise InputError(" ".join(errors))
    results = run_search(args.query, filters, limit=args.limit)
    for notice in results.notices:
        print(notice, file=sys.stderr)
    if args.json:
        print(json.dumps([r.as_dict() for r in results.results], ensure_ascii=False, indent=1))
        return 0
    for r in results.results:
        print(f"{r.score:.3f}  {r.kind:<12} {r.id:>6}  {r.name}")
    return 0


def manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["passerelles manage", *args.arguments])
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="passerelles",
        description=_("Connect decentralised cooperation with the social and solidarity economy."),
    )
    root.add_argument("-v", "--verbose", action="store_true", help=_("say more"))
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_serve_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--host", default="127.0.0.1", help=_("address to listen on (127.0.0.1)"))
        command.add_argument("--port", type=int, default=8000, help=_("port to listen on (8000)"))

    command = commands.add_parser("demo", help=_("load the demonstration data and serve the application"))
    command.add_argument("--no-serve", action="store_true", help=_("stop after loading"))
    add_serve_options(command)
    command.set_defaults(run=demo)

    command = commands.add_parser("serve", help=_("serve the web application on the current database"))
    add_serve_options(command)
    command.set_defaults(run=serve)

    command = commands.add_parser("migrate", help=_("create or upgrade the database schema"))
    command.set_defaults(run=migrate)

    command = commands.add_parser("export", help=_("write every published project to stdout"))
    command.add_argument("--format", required=True, help=_("records or csv"))
    command.set_defaults(run=export)

    command = commands.add_parser("ingest", help=_("read documents and store the projects they describe"))
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help=_("text, PDF, DOCX, HTML, CSV, XLSX or IATI files")
    )
    command.add_argument(
        "--publish", action="store_true", help=_("publish at once instead of waiting for review")
    )
    command.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    command.set_defaults(run=ingest)

    command = commands.add_parser(
        "classify", help=_("tag JSON lines {id, text} from stdin with SDGs, themes and SSE dimension")
    )
    command.set_defaults(run=classify)

    command = commands.add_parser("bench", help=_("run the product's own benchmarks and print their figures"))
    command.add_argument("name", nargs="?", help=_("ingest, classify, search or extract; all when left out"))
    command.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("documents for the extract benchmark; the shipped ones, with their records, when left out"),
    )
    command.add_argument("--step", help=_("the pipeline step whose output the extract benchmark scores"))
    command.add_argument(
        "--records", help=_("the expected records (format v1) the extract benchmark scores against")
    )
    command.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    command.add_argument("--projects", type=int, help=_("synthetic projects for the search benchmark"))
    command.add_argument(
        "--organisations", type=int, help=_("synthetic organisations for the search benchmark")
    )
    command.add_argument(
        "--database",
        help=_(
            "keep the search benchmark's data set in this SQLite file or PostgreSQL database, and reuse it"
        ),
    )
    command.add_argument(
        "--modes",
        help=_("the search benchmark's figures, comma-separated: lexical, semantic, hybrid, faceted, match"),
    )
    command.set_defaults(run=bench)

    command = commands.add_parser("search", help=_("search projects, organisations and territories"))
    command.add_argument("query", nargs="?", default="", metavar="QUERY", help=_("the words to search"))
    command.add_argument("--country", default="", help=_("ISO country code, such as FR or BF"))
    command.add_argument("--theme", default="", help=_("theme code, such as eau_assainissement"))
    command.add_argument("--sdg", default="", help=_("SDG number, 1 to 17"))
    command.add_argument(
        "--kind", default="", help=_("projects, organisations or territories; all when left out")
    )
    command.add_argument("--limit", type=int, default=20, help=_("number of results (20)"))
    command.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    command.add_argument("--rebuild", action="store_true", help=_("rebuild the whole index first"))
    command.set_defaults(run=search)

    command = commands.add_parser("match", help=_("rank the organisations able to meet a partner's need"))
    command.add_argument("need", metavar="NEED", help=_("the need, in a few words or sentences"))
    command.add_argument("--country", help=_("ISO code of the country where the need is (BJ, MA...)"))
    command.add_argument("--limit", type=int, default=10, help=_("number of organisations (10)"))
    command.add_argument("--projects", action="store_true", help=_("also list the most similar projects"))
    command.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    command.set_defaults(run=match)

    command = commands.add_parser("manage", help=_("run a Django management command (createsuperuser...)"))
    command.add_argument("arguments", nargs=argparse.REMAINDER)
    command.set_defaults(run=manage)
    return root


def main(argv: list[str] | None = None) -> int:
    try:
        _setup_django()
    except Exception as error:  # a wrong setting: one sentence, no traceback
        print(f"passerelles: {error}", file=sys.stderr)
        return 1
    root = parser()
    args, extra = root.parse_known_args(argv)
    # argparse takes no positional after an option: in "bench extract --records FILE PATH...", the
    # PATHs come back unparsed, and are the benchmark's documents.
    if extra and args.command == "bench" and not any(e.startswith("-") for e in extra):
        args.paths += extra
    elif extra:
        root.parse_args(argv)  # says which arguments are unknown, and exits
    from passerelles.lib.errors import InputError

    try:
        return args.run(args)
    except InputError as error:
        print(f"passerelles: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the database or settings: one sentence, no traceback
        from django.core.exceptions import ImproperlyConfigured
        from django.db import Error as DatabaseError

        if isinstance(error, ImproperlyConfigured | DatabaseError):
            print(f"passerelles: {error}".strip(), file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
