"""Command line: ``vnadmin-extract COMMAND ...``.

Each command is a module of this package with ``NAME``, ``HELP``, ``register(parser)``
and ``run(args) -> int``; modules are discovered, so a new command is a new file. The
commands only parse arguments and call the library: no extraction logic lives here.
Exit codes: 0 success, 1 some document failed (its record carries ``error``), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> int:
    parser, table = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # An unknown option is reported with the command's own usage, not the program's.
        (_PARSERS.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        load_rules()  # every command reads the patterns: a broken file stops it before any work
        return int(table[args.command].run(args))
    except UsageError as exc:
        print(f"vnadmin-extract {args.command}: error: {exc}", file=sys.stderr)
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
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
