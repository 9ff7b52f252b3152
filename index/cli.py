"""Command line of the index package, and the helpers every package's command line shares.

``python -m index build [CORPUS_DIR]`` indexes a folder of articles, incrementally. Each
package contributes its subcommands with an ``add_commands(commands)`` function (``newsqa``
gathers them all); a subcommand's parser sets ``handler``, the function that runs it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from index.articles import ArticleError
from index.build import Indexer
from index.locks import IndexBusy, claim_owner
from index.settings import Settings
from index.store import StoreUnavailable

Handler = Callable[[argparse.Namespace], int]


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that opens an index."""
    parser.add_argument("--chroma-url", help="a Chroma server, http://HOST:PORT (default: embedded store)")
    parser.add_argument("--chroma-timeout", type=float, help="seconds a Chroma server call may take (default 10)")
    parser.add_argument("--data-dir", type=Path, help="folder of the embedded store and caches")
    parser.add_argument("--embed-model", help="sentence-transformers model path or name")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings from the environment, with what the store options say on top."""
    return Settings.from_env(chroma_url=args.chroma_url, chroma_timeout=args.chroma_timeout, data_dir=args.data_dir,
                             embed_model=args.embed_model)


def dispatch(parser: argparse.ArgumentParser, argv: list[str] | None) -> int:
    """Parse ``argv`` and run the chosen subcommand's handler; its exit status."""
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except Exception as error:  # a command ends with a message, never a traceback
        if os.environ.get("QA_DEBUG"):
            raise
        print(f"error: {describe_error(error)}", file=sys.stderr)
        return 1


def describe_error(error: BaseException) -> str:
    """One line for a failure: the messages of our own errors as they are, others with their type."""
    if isinstance(error, IndexBusy | StoreUnavailable | ArticleError | ValueError | FileNotFoundError):
        return str(error)
    if type(error).__module__.startswith("chromadb"):
        return (f"the Chroma store could not be read ({type(error).__name__}: {error}); if it is damaged, "
                "delete the data folder's chroma/ (or use another --data-dir) and build again from the articles")
    return f"{type(error).__name__}: {error} (set QA_DEBUG=1 for the traceback)"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``build``: index a folder of articles."""
    build = commands.add_parser("build", help="index a folder of articles (default: corpus/)",
                                description="Index a folder of articles, incrementally.")
    build.add_argument("corpus", nargs="?", type=Path, help="folder of .txt, .md and .html articles")
    build.add_argument("--repair", action="store_true",
                       help="also rebuild the BM25 cache from Chroma (damaged caches are rebuilt anyway)")
    add_store_options(build)
    build.set_defaults(handler=build_command)


def build_command(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    corpus = args.corpus or settings.corpus_dir
    if not corpus.is_dir():
        print(f"error: no corpus folder at {corpus}", file=sys.stderr)
        return 2
    with claim_owner(settings.data_dir, "python -m index build"):
        report = Indexer.open(settings, corpus).build(progress=sys.stderr.isatty(), repair=args.repair)
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(report.summary())
    return 0 if report.articles or not report.problems else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    add_commands(parser.add_subparsers(dest="command", required=True))
    return dispatch(parser, argv)
