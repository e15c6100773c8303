"""Command line: ``vnadmin-extract COMMAND ...``.

Each command is a module of this package with ``NAME``, ``HELP``, ``register(parser)``
and ``run(args) -> int``; modules are discovered, so a new command is a new file. The
commands only parse arguments and call the library: no extraction logic lives here.
Exit codes: 0 success, 1 some document failed (its record carries ``error``), 2 usage or
environment (an unwritable OUTDIR, a full disk, a damaged database, a port in use: one line
saying what to do, never a traceback), 130 Ctrl-C and 143 SIGTERM (``run`` first writes the
summary of what is done; running the same command again finishes the rest).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import pkgutil
import signal
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import RuleError
from ..extras import MissingExtra
from ..rules.load import load_rules, patterns_dir


class UsageError(Exception):
    """Bad arguments: printed with a hint, exit status 2."""


def _commands() -> list:
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "run"):
            mods.append(mod)
    return mods


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="vnadmin-extract",
        description="Structured, verifiable data from Vietnamese administrative documents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    table = {}
    for mod in _commands():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.register(p)
        table[mod.NAME] = mod
        _PARSERS[mod.NAME] = p
    return parser, table


_PARSERS: dict[str, argparse.ArgumentParser] = {}

_HINTS = {
    errno.ENOSPC: "free some space and run the same command again",
    errno.EDQUOT: "free some space and run the same command again",
    errno.EACCES: "choose a folder you can write to, or fix its permissions",
    errno.EPERM: "choose a folder you can write to, or fix its permissions",
    errno.EROFS: "the file system is read-only: choose another output folder",
    errno.EISDIR: "a folder is where a file should be: move it away",
    errno.ENOTDIR: "a file is where a folder should be: move it away",
    errno.EEXIST: "something is in the way: move it away",
}


def describe_os_error(exc: OSError) -> str:
    """One line for an environment error: what failed, where, and what to do."""
    where = f" ({os.fsdecode(exc.filename)})" if getattr(exc, "filename", None) else ""
    hint = _HINTS.get(exc.errno or 0)
    text = exc.strerror if exc.strerror and not str(exc).startswith("cannot ") else str(exc)
    return f"{text}{where}" + (f"; {hint}" if hint and hint not in text else "")


class _Terminated(KeyboardInterrupt):
    pass


def _on_term(signum: int, frame: Any) -> None:
    raise _Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    parser, table = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # An unknown option is reported with the command's own usage, not the program's.
        (_PARSERS.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    name = f"vnadmin-extract {args.command}"
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _on_term)  # SIGTERM stops like Ctrl-C
    except ValueError:  # not the main thread (tests calling main from a thread)
        pass
    try:
        load_rules()  # every command reads the patterns: a broken file stops it before any work
        return int(table[args.command].run(args))
    except UsageError as exc:
        print(f"{name}: error: {exc}", file=sys.stderr)
        return 2
    except MissingExtra as exc:
        print(f"vnadmin-extract {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except RuleError as exc:
        print(f"vnadmin-extract {args.command}: error: {len(exc.problems)} problem(s) in the pattern files "
              f"({patterns_dir()}): " + "; ".join(exc.problems), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as exc:
        summary = getattr(exc, "summary", None)
        if summary is not None:
            from ..batch import format_summary

            print(format_summary(summary), file=sys.stderr)
        term = any(isinstance(e, _Terminated) for e in (exc, exc.__cause__, exc.__context__))
        print(f"{name}: {'terminated' if term else 'interrupted'}"
              + ("; run the same command again to finish" if args.command == "run" else ""), file=sys.stderr)
        return 143 if term else 130
    except OSError as exc:
        print(f"{name}: error: {describe_os_error(exc)}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:
        print(f"{name}: error: the database is damaged or not one of ours ({exc}); rebuild it with "
              "'vnadmin-extract load OUTDIR'", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
