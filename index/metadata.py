"""What an article says about itself: title, outlet, date, byline and dateline.

Only what the text (or the HTML's tags, or a markdown front matter) states is taken;
anything else stays None. A title always exists: without a headline, the lede's first
words stand in for it.

>>> text = "Headline about drones\\n\\nBy Jane Doe in Kyiv\\n\\nKYIV: Drones flew."
>>> m = extract_metadata(text, text)
>>> (m.title, m.byline, m.dateline, m.date, m.outlet)
('Headline about drones', 'Jane Doe', 'Kyiv', None, None)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml
from bs4 import BeautifulSoup

from index.cleaning import DATE_MARKER, FRONT_MATTER, strip_markup
from index.text import MONTHS

_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_BYLINE = re.compile(
    rf"^(?:By\s+(?P<by>{_NAME}(?:\s+and\s+{_NAME})*)(?:\s+in\s+(?P<place1>[A-Z][\w .'-]+?))?"
    rf"|(?P<name>{_NAME}(?:\s+and\s+{_NAME})*)\s+in\s+(?P<place2>[A-Z][\w'-]+(?:\s[A-Z][a-z][\w'-]*)*))"
    r"(?:\s+[A-Z]{3,}|\s+\d.*)?$"
)
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,30})(?:\s*\([^)]*\))?\s*(?::|—|–|-{1,2})\s")
_COPYRIGHT_OWNER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}\s+)?(?P<owner>.+?)"
    r"(?:,?\s+(?:Limited|Ltd|Inc|LLC|plc|Group|Corporation))?\.?\s*(?:\d{4})?\.?\s*(?:All rights reserved\.?)?$",
    re.IGNORECASE,
)
_WRITTEN_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?)\b"
)
_FRONT_MATTER_ALIASES = (("publisher", "outlet"), ("source", "outlet"), ("author", "byline"))
"""Other names a front matter gives a field, in order of preference."""
_SENTENCE_END = re.compile(r"[.!?”\"]$")
_TITLE_WORDS = range(4, 21)
_TITLE_FALLBACK_CHARS = 90


@dataclass(frozen=True)
class Metadata:
    title: str
    outlet: str | None = None
    date: str | None = None
    byline: str | None = None
    dateline: str | None = None


def extract_metadata(raw: str, cleaned: str, soup: BeautifulSoup | None = None) -> Metadata:
    """Metadata of one article from its raw text (and HTML tree, when it was HTML).

    Each field is taken from the first source that states it: a markdown front matter, the
    HTML's tags, then the text's own header lines (and, for the outlet, a copyright line).
    """
    stated = {**(_html_metadata(soup) if soup is not None else {}), **_front_matter(raw)}
    raw_lines = [strip_markup(line) for line in raw.splitlines() if line.strip()]
    header = _header_lines(cleaned)
    byline = next((m for m in map(_BYLINE.match, header) if m), None)
    return Metadata(
        title=stated.get("title") or _title_line(header) or _lede(cleaned),
        outlet=stated.get("outlet") or _copyright_owner(raw_lines),
        date=_iso_date(stated.get("date")) or _date(raw_lines, header),
        byline=stated.get("byline") or (byline and (byline["by"] or byline["name"])),
        dateline=_dateline(cleaned, header) or (byline and (byline["place1"] or byline["place2"])) or None,
    )


def _title_line(header: list[str]) -> str | None:
    """The first header line long enough for a headline that is not a byline."""
    return next((h for h in header if len(h.split()) in _TITLE_WORDS and not _BYLINE.match(h)), None)


def _header_lines(cleaned: str) -> list[str]:
    """The short lines before the first paragraph of prose (kicker, headline, standfirst, byline)."""
    header = []
    for paragraph in cleaned.split("\n\n"):
        if _SENTENCE_END.search(paragraph) or len(paragraph.split()) > 30 or _DATELINE.match(paragraph):
            break
        header.append(paragraph)
    return header


def _front_matter(raw: str) -> dict[str, str]:
    """The fields of a markdown front matter, by the names `Metadata` uses (``author`` is the byline)."""
    match = FRONT_MATTER.match(raw)
    try:
        fields = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return {}
    if not isinstance(fields, dict):
        return {}
    found = {str(k).strip().lower(): str(v).strip() for k, v in fields.items() if v is not None and str(v).strip()}
    for alias, name in _FRONT_MATTER_ALIASES:
        if alias in found:
            found.setdefault(name, found[alias])
    return found


def _html_metadata(soup: BeautifulSoup) -> dict[str, str]:
    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return None

    h1 = soup.find("h1")
    title_tag = soup.find("title")
    time_tag = soup.find("time", attrs={"datetime": True})
    found = {
        "title": meta("og:title") or (h1 and h1.get_text(" ", strip=True))
        or (title_tag and title_tag.get_text(" ", strip=True)),
        "outlet": meta("og:site_name", "publisher", "application-name"),
        "date": meta("article:published_time", "date", "pubdate") or (time_tag and time_tag["datetime"]),
        "byline": meta("author", "article:author"),
    }
    return {k: v for k, v in found.items() if v}


def _copyright_owner(raw_lines: list[str]) -> str | None:
    for line in reversed(raw_lines):
        match = _COPYRIGHT_OWNER.match(line.strip())
        if match and re.search(r"[A-Za-z]", match["owner"]):
            return match["owner"].strip(" .,")
    return None


def _date(raw_lines: list[str], header: list[str]) -> str | None:
    """A publication date stated as a marker or in the header lines, never one from the body."""
    if raw_lines and (marker := DATE_MARKER.match(raw_lines[0])):
        return _iso_date(marker.group(1))
    for line in header:
        if found := _iso_date(line):
            return found
    return None


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    match = _WRITTEN_DATE.search(text)
    if not match:
        return None
    try:
        if match["iso"]:
            return dt.date.fromisoformat(match["iso"]).isoformat()
        day, month, year = (match["d1"], match["m1"], match["y1"]) if match["d1"] else (
            match["d2"], match["m2"], match["y2"])
        number = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month.lower()[:3]))
        return dt.date(int(year), number, int(day)).isoformat()
    except (ValueError, StopIteration):
        return None


def _dateline(cleaned: str, header: list[str]) -> str | None:
    body = cleaned.split("\n\n")[len(header):]
    match = _DATELINE.match(body[0]) if body else None
    return match["place"].strip().title() if match else None


def _lede(cleaned: str) -> str:
    """The first words of the text, for an article without a headline."""
    first = re.sub(r"\s+", " ", cleaned.split("\n\n", 1)[0])
    first = re.sub(r"^[A-Z][A-Z .'-]{2,30}:\s*", "", first)  # no dateline in a title
    if len(first) <= _TITLE_FALLBACK_CHARS:
        return first
    return first[:_TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
