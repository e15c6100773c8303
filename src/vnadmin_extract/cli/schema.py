"""``vnadmin-extract schema``: the JSON Schema of a record."""

from __future__ import annotations

import argparse
import json

from ..schema import json_schema

NAME = "schema"
HELP = "print the JSON Schema of one record (the contract with downstream loaders)"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--indent", type=int, default=2)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=args.indent))
    return 0
