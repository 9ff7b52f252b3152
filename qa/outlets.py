"""What the articles say about themselves: outlets, bylines, contributors, sections, datelines, dates, titles.

"Byline of the FT story?", "where was it filed?", "which outlets are there?". Answers come
from the metadata each article states (`index.metadata`), and each is cited to the line of the
article that prints it (the byline line, the dateline), so the citation is a quotation like
any other. A date that only the article's metadata holds (front matter, a scrape's date
marker), and the outlet a listing puts a title under (often from a copyright line cleaning
removed), are cited to the metadata field itself (`qa.reply.Citation.field`); a field neither
prints nor holds is said to be missing, never guessed. An outlet the question names that the
corpus does not have gets the list of outlets it does have.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.articles import Article
from index.text import content_terms
from qa.coverage import Coverage
from qa.parts import join_parts
from qa.passages import Passage
from qa.reply import Citation, Reply, Statement, cite, cite_field, readable_date, refusal, render
from qa.wording import aliases, countries_in

OUTLETS = "The articles and where they come from:"
NOT_IN_CORPUS = "There is no article from {outlet} here. The articles come from: {outlets}."
CONTRIBUTORS_ASKED = re.compile(r"\b(contributors?|additional reporting|co-?authors?"
                                r"|(?:anyone|anybody|who) else\b.*\b(?:contribut\w*|wr[io]te|writing|report\w*|work\w*))\b"
                                r"|\bwho (?:else )?helped(?: (?:her|him|them|[A-Z][\w-]+(?: [A-Z][\w-]+){0,2}))?"
                                r"(?: out\s*\??$| (?:out )?with (?:the )?(?:reporting|writing)\b)",
                                re.I)
"""A question for who else worked on an article ("did anyone else write it?", "who helped him out?")."""
_TOLD = "".join(rf"(?<!\b{verb} )" for verb in ("told", "tell", "tells", "brief", "briefs", "briefed", "briefing",
                                               "to", "with", "asked"))
BYLINE_ASKED = rf"bylines?|who wrote|written by|authors?|{_TOLD}(?:reporters?|journalists?|correspondents?)"
"""Words asking who wrote an article; not reporters someone speaks to ("what did Otieno tell reporters?")."""
ARTICLE_DATE_ASKED = r"(?:article|story|piece|report)s?['’]?s? dates?"
"""Words asking an article's date ("article date?", "the story's date")."""
_FIELDS = (
    ("contributors", CONTRIBUTORS_ASKED),
    ("byline", re.compile(rf"\b({BYLINE_ASKED}|writers?)\b", re.I)),
    ("section", re.compile(r"\b(section|category|desk|filed under|kicker)\b", re.I)),
    ("dateline", re.compile(r"\b(filed|dateline|where was|written from|reported from)\b", re.I)),
    ("date", re.compile(rf"\b(publish\w*|publication date|pub date|when was|what date|dated|the date"
                        rf"|{ARTICLE_DATE_ASKED})\b|^\s*dates?\b", re.I)),
    ("title", re.compile(r"\b(headline|headlines|headlined|(?<!job )title)\b", re.I)),
    ("outlet", re.compile(r"\b(outlet|newspaper|paper|publication|publisher)\b", re.I)),  # of one article: "which paper ran it"
)

_NAMING_ARTICLE = re.compile(r"\b(?:dateline|datelined|byline|bylined)\s+(?=(?:story|article|piece|report|one)\b)", re.I)
"""A field's name saying which article is meant ("the Lagos dateline story"), not what is asked of it."""
_TWO_FIELDS = re.compile(r"^\s*(?:(?:what|whats|what's)(?:\s+(?:is|are))?\s+)?(?:the\s+)?(?P<a>[a-z]+)\s+(?:and|&|\+)\s+"
                         r"(?:the\s+)?(?P<b>[a-z]+)\b(?P<rest>.*)$", re.I)
"""Two fields asked of the same articles at once: "byline + section of the HT story"."""
_WHICH_FIELD = re.compile(r"\b(?:which|what)\s+(?:news\s+)?(\w+)", re.I)
"""A field named right after "which" or "what" is the one asked ("which paper ran …")."""


def asks_field_only(question: str) -> bool:
    """Whether ``question``, once the words naming its article are gone, asks only for a field of
    it ("whats the date on", "byline?", "who wrote"), nothing about what the article says.

    >>> asks_field_only("whats the date on"), asks_field_only("date?"), asks_field_only("jets arrival date")
    (True, True, False)
    """
    asks = next((m for _, pattern in _FIELDS if (m := pattern.search(question))), None)
    rest = question[:asks.start()] + question[asks.end():] if asks else question
    return asks is not None and not content_terms(re.sub(r"\b(what'?s?|is|on|of|for|it|its|the)\b", " ", rest, flags=re.I))


def metadata(question: str, coverage: Coverage, articles: list[str], passages: list[Passage]) -> Reply:
    """The asked field (byline, dateline, date) of ``articles``, or every article's outlet and title;
    two fields asked at once ("byline and date?") are answered one after the other.
    A byline or dateline asked of a place ("which was filed from Accra?", "the HT's Nairobi
    correspondent") is of the articles filed there, by any name of its country; none, and the
    reply says where they were filed."""
    if (both := _TWO_FIELDS.match(question)) and all(_field_asked(both[n]) for n in ("a", "b")):
        replies = [metadata(f"{both[n]}{both['rest']}", coverage, articles, passages) for n in ("a", "b")]
        return replace(join_parts(question, replies), kind="metadata")  # "section and byline of the HT one?"
    asked = _NAMING_ARTICLE.sub(" ", question)  # "the date of the Lagos dateline story" asks its date
    field = _field_asked(asked)
    if field == "outlet":  # each title under its outlet, as for the whole list; no outlet named is no answer
        if not any(coverage.articles[a].outlet for a in articles):
            return refusal(question, passages, kind="metadata",
                           reason=f"{_their_labels(coverage, articles)} {'does' if len(articles) == 1 else 'do'} not "
                                  "state an outlet.")
        field = None
    place = _place_asked(question) if field in ("byline", "dateline") else None
    if place is not None:
        filed = [a for a in articles if _filed_in(coverage.articles[a], place)]
        if not filed:
            datelines = "; ".join(f"{coverage.label(a)}: {coverage.articles[a].dateline or 'no dateline'}" for a in articles)
            return refusal(question, passages, kind="metadata",
                           reason=f"No article here was filed from {place}. Where they were filed: {datelines}.")
        articles = filed
    citations: list[Citation] = []
    listed: list[tuple[str, list[Statement]]] = []  # each article's label and what the reply states of it
    missing = []
    for article_id in articles:
        article = coverage.articles[article_id]
        value = (_contributors(article) if field == "contributors" else _section(article) if field == "section"
                 else getattr(article, field) if field else article.title)
        if field == "title" and value and value.endswith("…"):
            value = None  # made from the opening words: the article prints no headline
        line = _printed_line(article, value) if value else None
        if line is None and field in _FROM_METADATA and value:  # a date from front matter: cited to the field
            number = cite_field(citations, _whole(article), field, value)
            stated = _FROM_METADATA[field].format(label=coverage.label(article_id), value=value,
                                                  readable=readable_date(value))
            listed.append((coverage.label(article_id), [Statement(stated, (number,))]))
            continue
        if line is None:
            missing.append(coverage.label(article_id))
            continue
        start, end = line
        said = [Statement(article.text[start:end], (cite(citations, _whole(article), article.text[start:end], start, end),))]
        if field is None and article.outlet:  # the outlet a title is listed under (cleaning drops "© The FT Ltd")
            said.append(Statement(f"Outlet: {article.outlet}",
                                  (cite_field(citations, _whole(article), "outlet", article.outlet),)))
        listed.append((coverage.label(article_id), said))
    if not listed:
        return refusal(question, passages, kind="metadata", reason=f"The articles do not state their {field or 'titles'}.")
    if field is None:  # each title under its outlet
        by_article = [Reply(text=render(said), citations=[c for c in citations if any(c.number in s.citations for s in said)],
                            answered=True, question=label, passages=passages, statements=said, support=1.0)
                      for label, said in listed]
        reply = replace(join_parts(question, by_article, heading="{question}:"), kind="metadata", intro=OUTLETS)
    else:
        statements = [s for _, said in listed for s in said]
        printed = any(c.field is None for c in citations)
        intro = f"{field.capitalize()} as the articles {'print' if printed else 'give'} it:"
        reply = Reply(text=render(statements, intro), citations=citations, answered=True, question=question,
                      passages=passages, statements=statements, support=1.0, intro=intro, kind="metadata")
    reply.notes.extend(f"{coverage.label(a)}: {_fields(coverage.articles[a])}" for a in articles)
    if missing:
        reply.notes.append(f"Not stated in: {', '.join(missing)}.")
    return reply


def _field_asked(question: str) -> str | None:
    """The field ``question`` asks for: the one named right after "which" or "what" ("which paper
    ran the piece dated May 2?" asks the outlet), else the first of `_FIELDS` it names.

    >>> _field_asked("which paper ran the piece dated may 2?"), _field_asked("when was it published")
    ('outlet', 'date')
    """
    if head := _WHICH_FIELD.search(question):
        named = next((name for name, asks in _FIELDS if asks.fullmatch(head[1])), None)
        if named is not None:
            return named
    return next((name for name, asks in _FIELDS if asks.search(question)), None)


def unknown_outlet(question: str, outlet: str, coverage: Coverage, passages: list[Passage]) -> Reply:
    """The reply to a question about an outlet the corpus does not have."""
    names = sorted(coverage.outlets) + [coverage.label(a) for a in coverage.articles
                                        if not coverage.articles[a].outlet]
    return refusal(question, passages, kind="metadata",
                   reason=NOT_IN_CORPUS.format(outlet=outlet, outlets="; ".join(names)))


_FROM_METADATA = {"date": "{label}: {readable} ({value}), from the article's metadata; its text prints no date"}
"""Fields that may come from an article's metadata alone (a file's front matter, a scrape's date
marker), and how a reply states them; they are cited to the field (`qa.reply.cite_field`)."""
_CONTRIBUTORS = re.compile(r"^(?:with )?(?:additional )?(?:reporting|research) by\b.+$|^.+\bcontributed (?:reporting|to this).*$",
                           re.I | re.M)
"""A line crediting others than the byline ("Additional reporting by …", "… contributed reporting")."""


_PLACE_ASKED = re.compile(r"\b(?:filed|written|reported|datelined|based|reporting)\s+(?:from|in|out of)\s+"
                          r"(?P<place>[\w’' -]+?)\s*(?:[?,.]|$)"
                          r"|\b(?P<where>[\w’'-]+(?: [\w’'-]+)?)\s+(?:correspondent|bureau|reporter|journalist)\b", re.I)


def _place_asked(question: str) -> str | None:
    """The place a byline or dateline question asks about, when it names a country, capital or
    demonym ("filed from accra" → "Accra"), as a reply writes it."""
    for m in _PLACE_ASKED.finditer(question):
        for name in aliases(m["place"] or m["where"]):
            return name if not name.islower() else name.upper() if len(name) <= 3 else name.title()
    return None


def _filed_in(article: Article, place: str) -> bool:
    """Whether ``article``'s dateline is ``place`` or in its country ("Nairobi" for "Kenya")."""
    if not article.dateline:
        return False
    return article.dateline.lower() == place.lower() or bool(countries_in(article.dateline) & countries_in(place))


def _section(article: Article) -> str | None:
    """The section an article is filed under, as news sites print it: a short line just above
    the headline ("Business", "Sport"), not a sentence."""
    lines = [line.strip() for line in article.text.split("\n") if line.strip()]
    at = next((i for i, line in enumerate(lines) if line == article.title), 0)
    above = lines[at - 1] if at >= 1 else ""
    return above if above and len(above.split()) <= _SECTION_WORDS and not re.search(r"[.!?:]$", above) else None


_SECTION_WORDS = 5
"""Most words of a section's name."""


def _contributors(article: Article) -> str | None:
    m = _CONTRIBUTORS.search(article.text)
    return m[0].strip() if m else None


def _dateline_at(article: Article, place: str) -> int:
    """Where ``article`` prints its dateline: a line opening with the place as a dateline
    ("NAIROBI:", "Nairobi —") or a byline ending in it ("By … in Nairobi"), not another line
    opening with the name ("Nairobi's port said …")."""
    byline = re.escape(article.byline) if article.byline else "By"
    m = (re.search(rf"^[^\w\n]*(?:{re.escape(place)}\s*[:—–-]|{re.escape(place.upper())}\b)", article.text, re.M)
         or re.search(rf"^[^\n]*\b{byline}\b[^\n]*\bin {re.escape(place)}\b", article.text, re.I | re.M))
    return m.start() if m else -1


def _printed_line(article: Article, value: str) -> tuple[int, int] | None:
    """The span of the line of ``article`` that prints ``value`` (a byline, a place, a date; a
    title made from the opening words of an untitled article ends with "…" and is looked up
    without it)."""
    value = value.removesuffix("…").rstrip()
    at = _dateline_at(article, value) if value == article.dateline else -1
    at = article.text.find(value) if at < 0 else at
    if at < 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    if at < 0:
        at = article.text.lower().find(value.lower())
    if at < 0:
        return None
    start = article.text.rfind("\n", 0, at) + 1
    end = article.text.find("\n", at)
    end = len(article.text) if end < 0 else end
    sentence_end = re.search(r"[.!?]\s", article.text[at:end])
    if sentence_end and end - start > 200:
        end = at + sentence_end.end() - 1
    return start, end


def _their_labels(coverage: Coverage, articles: list[str]) -> str:
    return "; ".join(coverage.label(a).removesuffix(" (no outlet stated)") for a in articles)


def _whole(article: Article) -> Passage:
    return Passage(article.text, article.id, article.title, article.outlet, article.date, 0, len(article.text), 1.0)


def _fields(article: Article) -> str:
    stated = [f"{name} {value}" for name, value in (("by", article.byline), ("filed in", article.dateline),
                                                    ("dated", article.date)) if value]
    return ", ".join(stated) or "no byline, dateline or date stated"
