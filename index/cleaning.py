"""Turn an article's raw text into the cleaned text that is chunked, indexed and shown.

Cleaning drops a markdown front matter, HTML comments (in every format), web boilerplate
(link-only lines, lone symbols, promos, copyright lines),
turns markdown links into their words, unescapes markdown escapes and mends paragraphs
that a scrape broke in the middle of a sentence. Everything that is news stays.
The result has one paragraph per line block, separated by a blank line.

>>> clean("Stay across the latest news. [Join us](#)\\n\\n×\\n\\nIt cost \\\\$5 in [critical infrastructure](#).")
'It cost $5 in critical infrastructure.'
"""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup, Comment, Tag

FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n---\s*\n", re.DOTALL)
"""A markdown file's YAML front matter: metadata (`index.metadata`), never article text."""
DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
"""A leading ``date 2022-12-10`` marker some scrapes put before the dateline."""

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINK_ONLY_LINE = re.compile(r"^(?:\s*\[[^\]]*\]\([^)]*\)[\s|·•,;]*)+$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%])")
_LONE_SYMBOLS = re.compile(r"^[\W_]{1,3}$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"\s*©\s*[\w&.\- ]{1,40}$")
_PROMO = re.compile(
    r"^(?:stay across|sign up|subscribe|follow (?:us|our)|join (?:us|our|the)\b|read more\b"
    r"|click here|share (?:this|on)|download (?:our|the) app|advertisement$)",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]…]$")
_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "title", "tr", "ul",
]
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])", re.IGNORECASE)
_INVISIBLE_TAGS = ["script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "iframe", "head",
                   "meta", "link", "object", "embed"]


def clean(raw: str) -> str:
    """Cleaned article text: boilerplate dropped, links to words, paragraphs mended."""
    text = FRONT_MATTER.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    text = _HTML_COMMENT.sub("", text)
    text = text.replace("\ufeff", "").replace("\xa0", " ")
    paragraphs: list[str] = []
    for line in text.split("\n"):
        line = _clean_line(line)
        if line is None:
            continue
        if line == "":
            paragraphs.append("")
        elif paragraphs and paragraphs[-1] == "" and len(paragraphs) >= 2 and _continues(paragraphs[-2], line):
            paragraphs.pop()  # a blank line fell inside a sentence
            paragraphs[-1] += " " + line
        elif paragraphs and paragraphs[-1] != "" and _continues(paragraphs[-1], line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "\n\n".join(p for p in paragraphs if p)


def html_to_text(html: str) -> tuple[str, BeautifulSoup]:
    """The visible text of an HTML page, one block element per line, and its parsed tree.

    What a reader never sees is not article text: comments, scripts, styles, metadata and
    hidden elements (``hidden``, ``aria-hidden``, ``display: none``) are dropped.
    """
    soup = BeautifulSoup(html, "html.parser")
    visible = copy.copy(soup)
    for comment in visible.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in visible.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    for tag in visible.find_all(_is_hidden):
        tag.decompose()
    for tag in visible.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = visible.body or visible
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in body.get_text("").split("\n"))
    return "\n\n".join(line for line in lines if line), soup


def _is_hidden(tag: Tag) -> bool:
    return (tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true"
            or bool(_HIDDEN_STYLE.search(str(tag.get("style", "")))))


def strip_markup(line: str) -> str:
    """A line with markdown images dropped, links turned to their words and escapes undone."""
    return _ESCAPE.sub(r"\1", _LINK.sub(r"\1", _IMAGE.sub("", line))).strip()


def _clean_line(line: str) -> str | None:
    """The line without markup, ``""`` for a blank line, None for a line to drop."""
    line = line.strip()
    if not line:
        return ""
    if _LINK_ONLY_LINE.match(line):
        return None
    line = re.sub(r"\s{2,}", " ", strip_markup(DATE_MARKER.sub("", line)))
    if not line or _LONE_SYMBOLS.match(line) or _COPYRIGHT.search(line) or _PROMO.match(line):
        return None
    return _PHOTO_CREDIT.sub("", line)


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` carries on the sentence that ``previous`` left open."""
    return not _ENDS_SENTENCE.search(previous) and line[:1].islower()
