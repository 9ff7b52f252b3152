"""Articles: reading a file or a folder of them, checking them, and the `Article` type.

An article's id is its file stem. A file that cannot be an article (empty, binary, not
UTF-8, too large, a duplicate of another) is reported as a `Problem` naming the file and
the reason; the other files are read as usual.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from index.cleaning import clean, html_to_text
from index.metadata import extract_metadata
from index.text import text_key

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Article:
    """One cleaned article with what it says about itself; unknown fields are None."""

    id: str
    title: str
    text: str
    outlet: str | None = None
    date: str | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str = ""
    """The file name it was read from."""
    content_hash: str = ""
    """Hash of the file's bytes: an article is re-indexed exactly when this changes."""
    uploaded: bool = False
    """Added by a user of the app (listed in the corpus folder's `UPLOADED` file), so not vetted."""


@dataclass(frozen=True)
class Problem:
    """A file that was not indexed, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


class ArticleError(ValueError):
    """A file that cannot be read as an article."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.problem = Problem(file, reason)


@dataclass(frozen=True)
class Unchanged:
    """A file whose bytes are those its article was indexed from: not cleaned again (the store has it)."""

    id: str
    source: str
    content_hash: str


@dataclass(frozen=True)
class CorpusScan:
    articles: list[Article]
    """The files read and cleaned: new, changed, or with no `Unchanged` record to match."""
    problems: list[Problem]
    unchanged: list[Unchanged] = dataclasses.field(default_factory=list)


MAX_WORD_CHARS = 1_000
"""A longer run without whitespace is not prose (a chunk of it would be cut off unseen)."""


UPLOADED = ".uploaded"
"""The corpus folder's list of files users uploaded, one name per line (hidden: never an article)."""


def uploaded_names(folder: Path) -> set[str]:
    """The names of the files in ``folder`` that users uploaded."""
    listing = folder / UPLOADED
    return set(listing.read_text(encoding="utf-8").split("\n")) - {""} if listing.is_file() else set()


def read_article(path: Path, max_bytes: int) -> Article:
    """Read, check and clean one article file; raises `ArticleError` with the reason."""
    return parse_article(path.name, _read(path, max_bytes), max_bytes)


def _read(path: Path, max_bytes: int) -> bytes:
    _check_type_and_size(path.name, path.stat().st_size if path.is_file() else None, max_bytes)
    return path.read_bytes()


def parse_article(name: str, data: bytes, max_bytes: int) -> Article:
    """Check and clean the bytes of one article file called ``name`` (its stem is the id)."""
    _check_type_and_size(name, len(data), max_bytes)
    if not data.strip():
        raise ArticleError(name, "empty file")
    if b"\0" in data:
        raise ArticleError(name, "binary file, not text")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArticleError(name, f"not valid UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})") from None
    soup = None
    if name.lower().endswith(_HTML_SUFFIXES):
        raw, soup = html_to_text(raw)
    text = clean(raw)
    if not re.search(r"\w", text):
        raise ArticleError(name, "no article text left after removing markup and boilerplate")
    if (longest := max(map(len, text.split()), default=0)) > MAX_WORD_CHARS:
        raise ArticleError(name, f"has a run of {longest:,} characters without a space; "
                                 "that is not article text (split it, or check the file)")
    meta = extract_metadata(raw, text, soup)
    return Article(
        id=article_id(Path(name)), title=meta.title, text=text, outlet=meta.outlet, date=meta.date,
        byline=meta.byline, dateline=meta.dateline, source=name, content_hash=content_hash(data),
    )


def _check_type_and_size(name: str, size: int | None, max_bytes: int) -> None:
    suffix = Path(name).suffix
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ArticleError(name, f"unsupported file type {suffix or '(none)'!r}; "
                                 f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    if size is None:
        raise ArticleError(name, "not a regular file")
    if size > max_bytes:
        raise ArticleError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")


def article_id(path: Path) -> str:
    """The stable id of the article in ``path``: its file stem."""
    return path.stem


def content_hash(data: bytes) -> str:
    """The hash of an article file's bytes (`Article.content_hash`)."""
    return hashlib.sha256(data).hexdigest()


def scan_corpus(folder: Path, max_bytes: int, indexed: Mapping[str, tuple[str, str]] | None = None) -> CorpusScan:
    """Every article in ``folder`` (not recursive), and a problem for each file that is not one.

    ``indexed`` maps the ids of articles already in the store to the content hash and text key
    (`index.text.text_key`) they were indexed with: a file whose bytes still hash to its
    article's is listed as `Unchanged`, unread beyond its bytes, so a re-index of a large
    corpus that did not change costs a hash per file, not a cleaning.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"no corpus folder at {folder}")
    indexed = indexed or {}
    articles: list[Article] = []
    problems: list[Problem] = []
    unchanged: list[Unchanged] = []
    seen_text: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    uploaded = uploaded_names(folder)
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue
        if path.is_symlink():
            problems.append(Problem(path.name, "a symbolic link, not followed; copy the file into the folder instead"))
            continue
        try:
            data = _read(path, max_bytes)
            known = indexed.get(article_id(path))
            if known and known[0] == (digest := content_hash(data)):
                key, found = known[1], Unchanged(article_id(path), path.name, digest)
            else:
                found = parse_article(path.name, data, max_bytes)
                key = text_key(found.text)
        except ArticleError as err:
            problems.append(err.problem)
            continue
        if key in seen_text:
            problems.append(Problem(path.name, f"duplicate of {seen_text[key]}; not indexed twice"))
        elif found.id.casefold() in seen_id:
            problems.append(Problem(path.name, f"same article id {found.id!r} as {seen_id[found.id.casefold()]} "
                                               "(ids differing only in case are the same); rename one"))
        else:
            seen_text[key] = seen_id[found.id.casefold()] = path.name
            if isinstance(found, Unchanged):
                unchanged.append(found)
            else:
                articles.append(dataclasses.replace(found, uploaded=path.name in uploaded))
    return CorpusScan(articles, problems, unchanged)
