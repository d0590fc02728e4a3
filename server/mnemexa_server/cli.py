"""The ``mnemexa`` command: run the reference server and manage workspaces and keys.

    mnemexa serve [--host 127.0.0.1] [--port 8080] [--data-dir .mnemexa] [--workers 1]
    mnemexa keys create --workspace NAME
    mnemexa workspaces list
    mnemexa workspaces suspend|activate NAME
    mnemexa workspaces delete NAME --yes
    mnemexa workspaces pii-policy NAME reject|redact
    mnemexa workspaces dedup-mode NAME auto|exact|off
    mnemexa vacuum
    mnemexa migrate
    mnemexa copy --from-sqlite DIR --to postgresql://...

The data dir defaults to ``MNEMEXA_DATA_DIR``, else ``./.mnemexa``. ``--database-url`` (or
``MNEMEXA_DATABASE_URL``) ``postgresql://...`` uses PostgreSQL with pgvector instead.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

if TYPE_CHECKING:
    from .resources.workspace.store import WorkspaceStore
    from .storage.backend import Db

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def redacted(url: str) -> str:
    from .storage.backend import redacted

    return redacted(url)


def _data_dir(value: Optional[str]) -> Path:
    return Path(value or os.environ.get("MNEMEXA_DATA_DIR") or ".mnemexa")


def _serve(args: argparse.Namespace) -> int:
    import dataclasses
    import math

    import uvicorn

    from .connections import PROTOCOL, plan_capacity, raise_fd_limit
    from .logs import configure_logging
    from .settings import Settings

    if not is_loopback(args.host) and not args.allow_remote:
        print(
            f"refusing to bind {args.host}: the server would be reachable from other machines. "
            "Pass --allow-remote to do that on purpose.",
            file=sys.stderr,
        )
        return 2
    overrides = {
        "data_dir": _data_dir(args.data_dir),
        "database_url": _database_url(args.database_url),
        "embedder": args.embedder,
        "rate_limit": args.rate_limit,
        "header_timeout": args.header_timeout,
        "body_timeout": args.body_timeout,
        "keep_alive_timeout": args.keep_alive_timeout,
        "max_connections": args.max_connections,
    }
    settings = Settings.from_env(**overrides)
    # Workers inherit the raised limit; each keeps its connections within its own.
    capacity = plan_capacity(settings.max_connections, raise_fd_limit())
    if capacity.max_connections < settings.max_connections:
        print(
            f"connection limit lowered from {settings.max_connections} to "
            f"{capacity.max_connections} per process to fit the file-descriptor limit "
            f"({capacity.fd_limit}); raise it with `ulimit -n`",
            file=sys.stderr,
        )
        settings = dataclasses.replace(settings, max_connections=capacity.max_connections)
    os.environ.update(settings.to_env())  # worker processes read their settings from here
    configure_logging()
    where = (
        f"database {redacted(settings.database_url)}"
        if settings.database_url
        else f"data dir {settings.data_dir}"
    )
    print(f"mnemexa serving on http://{args.host}:{args.port} ({where})", flush=True)
    uvicorn.run(
        "mnemexa_server.app:create_app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_level=args.log_level,
        http=PROTOCOL,  # h11 with header/body deadlines and the connection limit
        ws="none",
        backlog=capacity.backlog,
        # The protocol applies settings.keep_alive_timeout itself (uvicorn takes whole seconds).
        timeout_keep_alive=math.ceil(settings.keep_alive_timeout),
    )
    return 0


def _seconds(value: str) -> float:
    seconds = float(value)
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"expected seconds >= 0, got {value!r}")
    return seconds


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {value!r}")
    return number


def _database_url(value: Optional[str]) -> str:
    return value or os.environ.get("MNEMEXA_DATABASE_URL") or ""


def _database(args: argparse.Namespace) -> Db:
    from .registry import open_database

    return open_database(_data_dir(args.data_dir), database_url=_database_url(args.database_url))


def _workspaces(args: argparse.Namespace) -> WorkspaceStore:
    from .resources.workspace.sql_store import SqlWorkspaceStore

    return SqlWorkspaceStore(_database(args))


def _keys_create(args: argparse.Namespace) -> int:
    workspace, key = _workspaces(args).create_key(args.workspace)
    print(key)
    print(
        f"(workspace {workspace.name!r}, id {workspace.id}; the key is shown only once)",
        file=sys.stderr,
    )
    return 0


def _workspaces_list(args: argparse.Namespace) -> int:
    rows = _workspaces(args).list()
    print(
        f"{'id':>4}  {'name':<24} {'status':<10} {'pii':<7} {'dedup':<6} {'keys':>4} "
        f"{'memories':>9}"
    )
    for row in rows:
        ws = row.workspace
        print(
            f"{ws.id:>4}  {ws.name:<24} {ws.status:<10} {ws.pii_policy:<7} {ws.dedup_mode:<6} "
            f"{row.keys:>4} {row.memories:>9}"
        )
    return 0


def _workspaces_configure(args: argparse.Namespace) -> int:
    """Set one setting of a workspace: its status, PII policy or dedup mode."""
    from .errors import NotFoundError

    try:
        ws = _workspaces(args).configure(args.name, args.setting, args.value)
    except NotFoundError:
        print(f"no workspace named {args.name!r}", file=sys.stderr)
        return 1
    print(f"workspace {ws.name!r}: {args.setting.replace('_', ' ')} {getattr(ws, args.setting)}")
    return 0


def _workspaces_delete(args: argparse.Namespace) -> int:
    from .erasure import Eraser
    from .errors import NotFoundError
    from .idempotency import IdempotencyStore
    from .resources.memory import lexical_search, memory_store
    from .resources.workspace.sql_store import SqlWorkspaceStore

    if not args.yes:
        print(
            f"this erases workspace {args.name!r}: every memory, key and idempotency record, "
            "for good. Run again with --yes to do it.",
            file=sys.stderr,
        )
        return 2
    db = _database(args)
    eraser = Eraser(
        db, memory_store(db), SqlWorkspaceStore(db), IdempotencyStore(db), lexical_search(db)
    )
    try:
        erased = eraser.purge_workspace(args.name)
    except NotFoundError:
        print(f"no workspace named {args.name!r}", file=sys.stderr)
        return 1
    print(f"workspace {args.name!r} erased ({erased} memories); its keys no longer work")
    return 0


def _vacuum(args: argparse.Namespace) -> int:
    from .resources.memory import lexical_search
    from .storage.database import Database

    db = _database(args)
    with db.transaction():
        lexical_search(db).compact()
    if isinstance(db, Database):
        before = db.path.stat().st_size
        db.vacuum()
        print(f"vacuumed {db.path}: {before} -> {db.path.stat().st_size} bytes, WAL truncated")
    else:
        db.vacuum()
        print("vacuumed every table: dead rows, deleted text included, are reclaimed")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from .registry import all_migrations
    from .storage.backend import is_postgres_url, postgres
    from .storage.database import DB_FILE, Database

    source_dir = Path(args.from_sqlite)
    if not (source_dir / DB_FILE).is_file():
        print(f"no Mnemexa data dir at {source_dir} (no {DB_FILE} in it)", file=sys.stderr)
        return 2
    if not is_postgres_url(args.to):
        print("--to must be a postgresql:// URL", file=sys.stderr)
        return 2
    migrations = all_migrations()
    target = postgres()(args.to, migrations=migrations, pool_size=2)
    source = Database(source_dir, migrations=migrations)
    from .storage.copy import copy_sqlite_to_postgres  # after postgres(): it needs psycopg

    print(f"copying {source.path} to {redacted(args.to)}", file=sys.stderr)
    copied = copy_sqlite_to_postgres(
        source, target, batch=args.batch_size, progress=lambda line: print(line, file=sys.stderr)
    )
    target.close()
    print(f"{'table':<26} {'sqlite':>10} {'postgres':>10}")
    for c in copied:
        print(f"{c.table:<26} {c.source:>10,} {c.target:>10,}  {'ok' if c.verified else 'DIFFERS'}")
    differ = [c.table for c in copied if not c.verified]
    if differ:
        print(f"row counts differ in {', '.join(differ)}", file=sys.stderr)
        return 1
    print("every table verified: the same row counts on both sides", file=sys.stderr)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    db = _database(args)
    applied = db.applied_migrations
    print(f"{len(applied)} migrations applied: {', '.join(applied)}")
    db.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .resources.workspace.store import SETTINGS

    parser = argparse.ArgumentParser(prog="mnemexa", description="Mnemexa reference server.")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_data_dir(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--data-dir", help="data directory (default: $MNEMEXA_DATA_DIR or ./.mnemexa)"
        )
        p.add_argument(
            "--database-url",
            help="postgresql://... to use PostgreSQL instead of the data dir's SQLite "
            "(default: $MNEMEXA_DATABASE_URL)",
        )
        return p

    serve = with_data_dir(commands.add_parser("serve", help="run the API server"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--embedder",
        choices=["minilm", "hashing", "openai"],
        default=None,
        help="embedding model (default: $MNEMEXA_EMBEDDER or minilm)",
    )
    serve.add_argument(
        "--rate-limit",
        type=float,
        default=None,
        help="requests per second per API key (0 disables)",
    )
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow binding an address other than loopback"
    )
    serve.add_argument(
        "--header-timeout",
        type=_seconds,
        default=None,
        help="seconds for a complete request head, from connect or the last response "
        "(default: $MNEMEXA_HEADER_TIMEOUT or 10; 0 disables)",
    )
    serve.add_argument(
        "--body-timeout",
        type=_seconds,
        default=None,
        help="seconds for the whole request body (default: $MNEMEXA_BODY_TIMEOUT or 30; "
        "0 disables)",
    )
    serve.add_argument(
        "--keep-alive-timeout",
        type=_seconds,
        default=None,
        help="seconds an idle connection stays open after a response "
        "(default: $MNEMEXA_KEEP_ALIVE_TIMEOUT or 5)",
    )
    serve.add_argument(
        "--max-connections",
        type=_positive_int,
        default=None,
        help="open connections per process; beyond, the longest-idle one is closed, else "
        "503 (default: $MNEMEXA_MAX_CONNECTIONS or 1000, lowered to fit the fd limit)",
    )
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(run=_serve)

    keys = commands.add_parser("keys", help="API keys").add_subparsers(dest="action", required=True)
    create = with_data_dir(keys.add_parser("create", help="create a key (and the workspace)"))
    create.add_argument("--workspace", required=True)
    create.set_defaults(run=_keys_create)

    ws = commands.add_parser("workspaces", help="workspaces").add_subparsers(
        dest="action", required=True
    )
    with_data_dir(ws.add_parser("list", help="list workspaces")).set_defaults(run=_workspaces_list)
    for action, status in (("suspend", "suspended"), ("activate", "active")):
        sub = with_data_dir(ws.add_parser(action, help=f"{action} a workspace"))
        sub.add_argument("name")
        sub.set_defaults(run=_workspaces_configure, setting="status", value=status)
    for command, setting, about in (
        ("pii-policy", "pii_policy", "reject or redact PII"),
        ("dedup-mode", "dedup_mode", "the default dedup mode"),
    ):
        sub = with_data_dir(ws.add_parser(command, help=about))
        sub.add_argument("name")
        sub.add_argument("value", choices=SETTINGS[setting])
        sub.set_defaults(run=_workspaces_configure, setting=setting)
    delete = with_data_dir(
        ws.add_parser("delete", help="erase a workspace, its memories and its keys")
    )
    delete.add_argument("name")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    delete.set_defaults(run=_workspaces_delete)

    vacuum = with_data_dir(
        commands.add_parser(
            "vacuum", help="compact the database: no free pages, no WAL, merged text index"
        )
    )
    vacuum.set_defaults(run=_vacuum)

    migrate = with_data_dir(
        commands.add_parser("migrate", help="apply pending schema migrations, then exit")
    )
    migrate.set_defaults(run=_migrate)

    copy = commands.add_parser(
        "copy", help="copy a SQLite data dir into PostgreSQL (resumable, verified by counts)"
    )
    copy.add_argument("--from-sqlite", required=True, metavar="DIR", help="the data dir")
    copy.add_argument("--to", required=True, metavar="URL", help="postgresql://...")
    copy.add_argument("--batch-size", type=_positive_int, default=1000, help="rows per commit")
    copy.set_defaults(run=_copy)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
