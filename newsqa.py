"""``newsqa``: one command for the whole product; each package contributes its subcommands.

    newsqa build [CORPUS_DIR]          # index.cli
    newsqa ask ["question"]            # qa.cli
    newsqa eval run|compare QUESTIONS  # eval.cli
"""

from __future__ import annotations

import argparse
import sys

import eval.cli
import index.cli
import qa.cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsqa", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    index.cli.add_commands(commands)
    qa.cli.add_commands(commands)
    evaluation = commands.add_parser("eval", help="run question sets (same as python -m eval)")
    eval.cli.add_commands(evaluation.add_subparsers(dest="evaluation", required=True))
    return index.cli.dispatch(parser, argv)


def console_main() -> None:
    sys.exit(main())
