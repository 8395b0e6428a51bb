"""Command line (SPEC: Command line): run, ingest, console, analyze.

Each sub-command lives in its own module; this file only parses arguments and dispatches,
importing lazily so ``analyze`` does not pay for aiogram and ``run`` not for argparse help.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Regional cooperation news bot (Kazakhstan, Uzbekistan, Russia, neighbours).",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot: long polling, scheduler, store (the default)")
    ingest = sub.add_parser("ingest", help="load article files into the store")
    ingest.add_argument("dir", nargs="?", type=Path, help="folder of *.txt files (SEEDS_DIR)")
    sub.add_parser("console", help="talk to the bot in this terminal, no Telegram needed")
    analyze = sub.add_parser("analyze", help="analyse article files without touching the store")
    analyze.add_argument("files", nargs="+", type=Path, metavar="FILE")
    analyze.add_argument("--json", action="store_true", help="one JSON object per file per line")
    sources = sub.add_parser("sources", help="manage news sources (feeds)")
    sources.add_argument("action", choices=["list", "add", "remove", "check", "fetch"])
    sources.add_argument("url", nargs="?", metavar="URL")
    sources.add_argument("name", nargs="?", metavar="NAME")
    sources.add_argument("--all", action="store_true", help="fetch: every source, due or not")
    sources.add_argument(
        "--starter", action="store_true", help="add: the starter list of agencies' feeds"
    )
    export = sub.add_parser("export", help="every stored article as JSON lines")
    export.add_argument("--json", action="store_true", required=True)
    sub.add_parser("migrate", help="upgrade the store (DATABASE_URL or DATABASE_PATH) and exit")
    copy = sub.add_parser("copy-store", help="copy a SQLite store into an empty PostgreSQL one")
    copy.add_argument("sqlite_path", type=Path, metavar="SQLITE_PATH")
    copy.add_argument("database_url", metavar="DATABASE_URL")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    if command == "analyze":
        from bot.analyze_cli import run_analyze

        return run_analyze(args.files, as_json=args.json)
    if command == "ingest":
        from bot.ingest_cli import run_ingest

        return run_ingest(args.dir)
    if command == "sources":
        if args.action in ("add", "remove", "check") and not (args.url or args.starter):
            print(f"sources {args.action}: give the feed's URL", file=sys.stderr)
            return 2
        from bot.sources_cli import run_sources

        if args.starter and args.action == "add":
            from bot.sources_cli import run_add_starter

            return run_add_starter()
        return run_sources(args.action, args.url, args.name, args.all)
    if command == "export":
        from bot.sources_cli import run_export

        return run_export()
    if command == "migrate":
        from bot.store_cli import run_migrate

        return run_migrate()
    if command == "copy-store":
        from bot.store_cli import run_copy_store

        return run_copy_store(args.sqlite_path, args.database_url)
    if command == "console":
        from bot.console import run_console

        return run_console()
    from bot.app import run_bot

    return run_bot()


if __name__ == "__main__":
    sys.exit(main())
