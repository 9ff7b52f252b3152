"""The corpus as a news reader sees it: which outlets, which articles, every sentence with its
dates, and who says what.

Questions about the coverage itself (a digest, one outlet's story, what happened on a day, who
is quoted) need the whole corpus, not the five passages retrieval returns. `Coverage` is that
view, built once from the indexed chunks (their dates were resolved at index time, see
`index.dates`) and rebuilt when the corpus changes.

Sentences that are not news text are left out: headlines and captions without a full stop,
paragraphs that do not end as a sentence does (a caption whose credit cleaning took off:
"Dockers at the gate in May. The union has forty branches"), bylines, datelines on their own, and
instructions addressed to an AI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import distance, fuzz, utils

from index.articles import Article
from index.dates import question_dates
from index.instructions import is_instruction
from index.text import STOP_WORDS, content_terms, person_names, sentence_spans, tokens
from qa.evidence import Sentence
from qa.passages import Passage
from qa.wording import alias_terms

TITLES = frozenset({"the", "mr", "ms", "mrs", "dr"})
"""Words before a name that are not part of it."""
MIN_WORDS = 8
"""A sentence shorter than this (a headline, a caption, a byline) is not news text."""
_ENDS = re.compile(r"[.!?…][”\"’']?\s*$")
_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_SAID = re.compile(r"\b(said|says|saying|told|tells|added|adding|warned|warning|stated|wrote|insisted|argued|according to"
                   r"|reiterated|accused|alleged|denied|claimed|noted|announced|urged|called|cited)\b")
"""Reporting verbs: a sentence with one, and a person beside it, is that person's statement."""
_OPENS_QUOTE = re.compile(r"^\s*[“\"]")
"""A sentence that opens with a quotation mark: with no reporting verb, it goes on quoting the
speaker of the sentence before (news gives the speaker once per run of quotation)."""
_PRONOUN = re.compile(r"\b(he|she)\s+(said|says|told|added|warned)\b", re.I)
_ARTICLE_WORDS = r"(?:article|story|piece|report|coverage|write-?up|one)s?"
_POINTER = r"(?:\b(?:in|from|per|according to|of|on|by|for)\s+)?"
_ARTICLE = re.compile(rf"{_POINTER}\b(?:the|that|this)\s+"
                      r"(?P<ref>[‘'\"“][^’'\"”]{3,}[’'\"”]|(?:(?!(?:the|on|of|in|about|from|by|for)\b)[\w’'./-]+\s+){1,5}?)"
                      rf"\s*{_ARTICLE_WORDS}\b", re.I)
"""A phrase pointing at articles: "the FT story", "in the dec 10 article", "the 'US warns …' piece"."""
_ARTICLE_DATED = re.compile(rf"{_POINTER}\b(?:the|that|this)\s+{_ARTICLE_WORDS}\s+(?P<ref>dated\s+[^?,;]+?)\s*"
                            r"(?:[?,;]|$|(?=\s(?:what|who|whom|when|where|which|why|how|did|does|do|is|are|was|were)\b))", re.I)
"""An article pointed at by its date after it: "the article dated 2 May", up to the question
that may follow it ("per the piece dated 2 May who spoke")."""
_PERSON_WORD = re.compile(r"\b(guy|guys|person|man|woman|dude|fella|bloke|lady|chap|official|spokes\w+|minister|secretary"
                          r"|ambassador|envoy|diplomat|president|chief|head|boss|leader|general|commander|director"
                          r"|adviser|advisor|reporter|journalist|correspondent|he|she|him|her)\b", re.I)
"""A description of a person has a word for one ("the brit UN envoy", "the russian guy")."""
_GENERIC_PEOPLE = frozenset(content_terms("guy guys person man woman dude fella bloke official people lady chap one"))
"""Words of a description that say it is a person, not which."""
MASTHEAD = frozenset(("times", "post", "journal", "herald", "tribune", "guardian", "telegraph", "gazette", "globe",
                       "chronicle", "observer", "independent", "mail", "express", "examiner", "inquirer", "courier"))
"""Words newspapers are named with ("the Lagos Post"): an article pointed at by one is of that
outlet, never one whose dateline or byline shares the other words."""
_TITLE_ALIKE = 80
"""rapidfuzz token-set ratio from which words in a question are an article's title (typed from memory)."""
_QUOTED_TITLE = re.compile(r"(?:^|(?<=\s))[‘'\"“]([^’'\"”]{8,})[’'\"”](?=[\s?.,!]|$)")
"""A title typed in quotation marks."""
_CONTAINING = re.compile(
    rf"\b(?:the|that|this)\s+{_ARTICLE_WORDS}\s+(?:that\s+|which\s+)?(?:quotes?|quoting|mentions?|mentioning|names?"
    r"|naming|lists?|listing|has|had|with|cites?|citing|carries|carrying)\s+(?P<content>[^?,;]+)", re.I)
"""An article pointed at by what it holds: "the article that quotes Otieno", "the story listing the fines"
("the story on the strike" is a topic, not an article)."""
_POINTING_WORDS = frozenset(content_terms("quote quotes line lines remark remarks comment comments mention claim"))
"""Words of "the article with the Otieno quote" that say how it holds the thing, not what."""
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+|(?:of|for|and|the)\s+)*(?:[a-z]+\s+)?"
                           r"(?:spokesman|spokeswoman|spokesperson|ambassador|secretary|minister|president|envoy"
                           r"|official|chief|director|adviser|general|commander|leader|[A-Z][a-z]+)"
                           r"(?:\s+[a-z]+)?)\s*,?\s*$", re.I)


def describes_person(text: str) -> bool:
    """Whether ``text`` describes a person ("the ghanaian UN envoy", "the kenyan guy"), not an
    organisation or a country ("the UK", "the port authority").

    >>> describes_person("the ghanaian un envoy"), describes_person("the port authority")
    (True, False)
    """
    return bool(_PERSON_WORD.search(text)) and bool(set(content_terms(text)) - _GENERIC_PEOPLE)


@dataclass(frozen=True)
class Reference:
    """Articles a question points at, and where in it the words that point are."""

    articles: tuple[str, ...]
    start: int
    end: int

    def without(self, text: str) -> str:
        """``text`` without the words that point ("in the FT story, who …" → "who …")."""
        rest = " ".join(f"{text[:self.start]} {text[self.end:]}".split())
        return re.sub(r"\s+([?.,;:])", r"\1", rest).strip(" ,;:") or text


@dataclass(frozen=True)
class Quote:
    """A quotation in an article, with who says it."""

    sentence: Sentence
    speaker: str | None
    """The person's name (for "he said", the person last named before it in the article)."""


class Coverage:
    """What the corpus holds, by article and outlet. Build it with `Coverage.of`."""

    def __init__(self, articles: list[Article], passages: list[Passage]):
        self.articles = {a.id: a for a in articles}
        self.passages = passages
        self._speakers: dict[tuple[str, int], str | None] = {}
        self._roles: dict[str, str | None] = {}

    @classmethod
    def of(cls, articles: list[Article], passages: list[Passage]) -> Coverage:
        return cls(articles, passages)

    def prepare(self) -> Coverage:
        """Compute every part now that is otherwise computed on first use (before it is kept: `qa.views`)."""
        for part, value in vars(Coverage).items():
            if isinstance(value, cached_property):
                getattr(self, part)
        return self

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every news sentence of the corpus, in article and reading order."""
        found = []
        for rank, passage in enumerate(self.passages):
            article = self.articles.get(passage.article_id)
            for s, e in sentence_spans(passage.text):
                text = passage.text[s:e]
                if len(tokens(text)) >= MIN_WORDS and _ENDS.search(text) and not is_instruction(text) \
                        and (article is None or _ends_as_news(article.text, passage.start + e)):
                    found.append(Sentence(text, passage, passage.start + s, passage.start + e, rank))
        return found

    @cached_property
    def terms(self) -> frozenset[str]:
        """Every content term (`index.text.content_terms`) of the news sentences."""
        return frozenset(t for s in self.sentences for t in content_terms(s.text))

    @cached_property
    def outlets(self) -> dict[str, list[str]]:
        """Outlet → the ids of its articles (articles that state no outlet are not listed)."""
        found: dict[str, list[str]] = {}
        for a in self.articles.values():
            if a.outlet:
                found.setdefault(a.outlet, []).append(a.id)
        return found

    def label(self, article_id: str) -> str:
        """How a reader names an article: its outlet, or its title when it states none."""
        a = self.articles[article_id]
        return a.outlet or f"“{a.title}” (no outlet stated)"

    def outlet_named(self, text: str) -> str | None:
        """The corpus outlet that ``text`` names, by its name or initials ("FT" for "The Financial Times")."""
        lowered = f" {' '.join(tokens(text))} "
        for outlet in self.outlets:
            words = [w for w in tokens(outlet) if w not in ("the",)]
            initials = "".join(w[0] for w in words)
            if f" {' '.join(words)} " in lowered or (len(initials) >= 2 and f" {initials} " in lowered):
                return outlet
        return None

    def referred(self, text: str) -> Reference | None:
        """The articles ``text`` points at by outlet (in any case, by name or initials: "according
        to the ft", "the FT's version"), or by a phrase naming an article by its title, date or
        dateline ("the dec 10 article", "the washington-datelined story", "in the 'US warns …'
        piece", a title in quotation marks alone), or by what it holds ("the article that quotes
        Otieno"); None when it points at none of this corpus's articles.

        >>> from index.articles import Article
        >>> a = Article("a", "Port strike ends", "text", outlet="Harbour News", date="2024-03-05", dateline="Lagos")
        >>> b = Article("b", "Strike talks stall", "text", date="2024-03-01")
        >>> coverage = Coverage.of([a, b, Article("c", "Ferries run late", "text")], [])
        >>> [coverage.referred(q).articles for q in ("what does harbour news say about pay",
        ...  "who wrote the mar 1 story", "in the 'strike talks stall' piece, who spoke?",
        ...  "byline on 'Strike talks stall'?", "which paper carried the piece dated march 5?", "the strike talks story?",
        ...  "the undated one")]
        [('a',), ('b',), ('b',), ('b',), ('a',), ('b',), ('c',)]
        >>> asked = "per the piece dated march 5 who ended the strike"
        >>> coverage.referred(asked).without(asked)
        'who ended the strike'
        >>> coverage.referred("what did the union say?") is None
        True
        """
        for m in (*_ARTICLE.finditer(text), *_ARTICLE_DATED.finditer(text)):
            ids = self._named_by(m["ref"])
            if ids:
                return Reference(tuple(ids), m.start(), m.end())
        for outlet, pattern in self._outlet_phrases.items():
            if m := pattern.search(text):
                return Reference(tuple(self.outlets[outlet]), m.start(), m.end())
        for m in _QUOTED_TITLE.finditer(text):  # "byline on 'Strike talks stall'?", the whole title
            if ids := self._titled(m[1], list(self.articles), whole=True):
                return Reference(tuple(ids), m.start(), m.end())
        return self._containing(text)

    def _containing(self, text: str) -> Reference | None:
        """The articles "the article that quotes X" / "the story listing X" / "the one with the X
        quote" points at: those holding every word of X, X read as far as its words are in some
        article ("the story listing the 924th centre filed from" → "the 924th centre")."""
        m = _CONTAINING.search(text)
        if not m:
            return None
        kept, end, found = set(self.articles), m.start("content"), False
        for word in re.finditer(r"[\w’'.-]+", m["content"]):
            terms = content_terms(word[0])
            having = {a for a in kept if all(t in self._article_terms[a] for t in terms)}
            if terms and not having and not set(terms) <= _POINTING_WORDS:
                break
            if terms and having:
                kept, found = having, True
            end = m.start("content") + word.end()
        if not found or len(kept) == len(self.articles):  # "what's the story on the strike?": no article in particular
            return None
        return Reference(tuple(a for a in self.articles if a in kept), m.start(), end)

    @cached_property
    def _article_terms(self) -> dict[str, set[str]]:
        return {a.id: set(content_terms(a.text)) for a in self.articles.values()}

    def _titled(self, ref: str, ids: list[str], whole: bool = False) -> list[str]:
        """The articles of ``ids`` whose title ``ref`` is, typed from memory (`_TITLE_ALIKE`); part
        of it will do inside "the '…' piece", not ``whole`` (a phrase in quotation marks alone
        may be a quotation: "is the 'forty ships' line in more than one report?")."""
        ref = ref.strip("‘'\"“’” ").lower()
        alike = fuzz.token_sort_ratio if whole else fuzz.token_set_ratio
        return [a for a in ids if self.articles[a].title
                and alike(ref, self.articles[a].title, processor=utils.default_process) >= _TITLE_ALIKE]

    def _named_by(self, ref: str) -> list[str]:
        """The articles whose outlet, title, byline, date and dateline the words ``ref`` all fit (those it names)."""
        words = set(re.findall(r"[a-z0-9]+", ref.lower()))
        kept = list(self.articles)
        named = False
        outlet = self.outlet_named(ref)
        if outlet is not None:
            kept, named = [a for a in kept if self.articles[a].outlet == outlet], True
        elif words & MASTHEAD - {t for o in self.outlets for t in tokens(o)}:
            return []  # "the Lagos Post story", with no such outlet here: not the article datelined Lagos
        titled = []
        if len(words) >= 3 or ref.strip()[:1] in "‘'\"“":  # a title's words in quotation marks: "the 'port strike' piece"
            titled = self._titled(ref, kept)
        elif len(words) == 2:  # its opening words: "the strike talks article"
            titled = [a for a in kept if tokens(self.articles[a].title or "")[:2] == tokens(ref)]
        if titled:
            kept, named = titled, True
        terms = set(content_terms(ref)) - _GENERIC_PEOPLE
        bylined = [a for a in kept if terms & set(content_terms(self.articles[a].byline or ""))]
        if bylined:  # "the wanjiru story"
            kept, named = bylined, True
        datelined = [a for a in kept if self.articles[a].dateline and self.articles[a].dateline.lower() in words]
        if datelined:
            kept, named = datelined, True
        dated = [a for a in kept if self.articles[a].date
                 and any(d.resolved == self.articles[a].date for d in question_dates(ref, self.articles[a].date))]
        if dated or question_dates(ref, None):
            kept, named = dated, True
        elif known := words & {"dated", "undated"}:  # "the dated one": the only article with a date
            kept, named = [a for a in kept if bool(self.articles[a].date) == (known == {"dated"})], True
        return kept if named else []

    @cached_property
    def _outlet_phrases(self) -> dict[str, re.Pattern]:
        """Each outlet → how a question names it as a source ("what does the FT say about",
        "according to the financial times", "the ft's take on")."""
        phrases = {}
        for outlet in self.outlets:
            words = [w for w in tokens(outlet) if w != "the"]
            names = [r"\s+".join(words)] + (["".join(w[0] for w in words)] if len(words) >= 2 else [])
            phrases[outlet] = re.compile(
                r"(?:\bwhat\s+(?:does|did|do)\s+|\b(?:according to|in|from|per|by)\s+)?(?:\bthe\s+)?"
                rf"\b(?:{'|'.join(names)})\b(?:['’]s)?"
                r"(?:\s+(?:say|says|said|report|reports|reported|write|writes|wrote)\b|\s+(?:version|take|account|view)\b"
                r"(?:\s+of)?)?(?:\s+(?:about|on|regarding|re)\b)?", re.I)
        return phrases

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every quotation (text in quotation marks) in the corpus with its speaker, where the text says who."""
        return [Quote(s, self._speaker(s)) for s in self.sentences if _QUOTE.search(s.text)]

    @cached_property
    def statements(self) -> list[Quote]:
        """Every sentence that reports what a named person said, quoted or not ("Otieno said the
        union would …", "… she said"), with the person."""
        return [q for s in self.sentences if (q := Quote(s, self._speaker(s))).speaker]

    def statements_of(self, terms: set[str]) -> list[Quote]:
        """The `statements` of speakers whose name has every one of ``terms`` ({"kirby"}), in
        corpus order; none for no terms."""
        lists = sorted((self._statements_by_term.get(t, []) for t in terms), key=len)
        if len(lists) <= 1:
            return list(lists[0]) if lists else []
        others = [{id(q) for q in found} for found in lists[1:]]
        return [q for q in lists[0] if all(id(q) in other for other in others)]

    @cached_property
    def _statements_by_term(self) -> dict[str, list[Quote]]:
        found: dict[str, list[Quote]] = {}
        for q in self.statements:
            for term in dict.fromkeys(tokens(q.speaker or "")):
                found.setdefault(term, []).append(q)
        return found

    @cached_property
    def people(self) -> list[str]:
        """Every person the articles name, in order of first mention."""
        return list(dict.fromkeys(n for names in self._known.values() for n in names))

    def speaker_of(self, sentence: Sentence) -> str | None:
        """Who speaks in ``sentence`` (one of the corpus's), as the articles describe them ("UK
        Foreign Secretary James Cleverly"); None when the text does not say who."""
        key = (sentence.passage.article_id, sentence.start)
        if key not in self._speakers:
            own = self._by_start.get(key)
            name = self._speaker(own) if own is not None else None
            self._speakers[key] = name and " ".join(filter(None, (self.role(name), name)))
        return self._speakers[key]

    def preceding(self, sentence: Sentence) -> str:
        """The sentence of its article before ``sentence`` (one of the corpus's); "" for the first."""
        return self._preceding.get((sentence.passage.article_id, sentence.start), "")

    @cached_property
    def _preceding(self) -> dict[tuple[str, int], str]:
        found: dict[tuple[str, int], str] = {}
        last: dict[str, str] = {}
        for s in sorted(self.sentences, key=lambda s: (s.passage.article_id, s.start)):
            found[(s.passage.article_id, s.start)] = last.get(s.passage.article_id, "")
            last[s.passage.article_id] = s.text
        return found

    @cached_property
    def _by_start(self) -> dict[tuple[str, int], Sentence]:
        return {(s.passage.article_id, s.start): s for s in self.sentences}

    def is_person(self, name: str) -> bool:
        """Whether ``name`` (or part of it: "Kirby") is a person the articles name."""
        wanted = set(tokens(name)) - TITLES
        return bool(wanted) and any(wanted <= set(tokens(p)) for p in self.people)

    def person_named(self, typed: str) -> str | None:
        """The one person the articles name whose name holds every word of ``typed``, each as
        written or one typo away for words of five letters or more ("amnia odhiambo" →
        "Amina Odhiambo"); None when no one, or several.

        >>> from index.articles import Article
        >>> Coverage.of([Article("a", "t", "Union leader Tom Baraka spoke. Amina Odhiambo replied.")], []
        ...             ).person_named("amnia odhiambo")
        'Amina Odhiambo'
        """
        wanted = set(tokens(typed)) - TITLES

        def close(word: str, name: set[str]) -> bool:
            return word in name or (len(word) >= 5 and any(
                distance.DamerauLevenshtein.distance(word, n) <= 1 for n in name if n[0] == word[0]))
        found = [p for p in self.people if wanted and all(close(w, set(tokens(p))) for w in wanted)]
        return found[0] if len(found) == 1 else None

    def described(self, description: str, others: dict[str, tuple[str, ...]] | None = None) -> str | None:
        """The one person the articles introduce in words like ``description`` ("the brit UN
        envoy" → "Barbara Woodward", introduced as "Britain's UN ambassador"): at least half its
        words, by their first four letters or by their other names (``others``, as
        `qa.wording.Wording.expansions` gives them: "nsc" → "National Security Council"), are in
        the person's role or name, a country it names among them, and no one else matches as many.
        None when nobody, or several.

        >>> from index.articles import Article
        >>> text = "Port Authority chief Amina Odhiambo spoke. Union leader Tom Baraka, a docker, replied."
        >>> coverage = Coverage.of([Article("a", "t", text)], [])
        >>> coverage.described("the union guy"), coverage.described("the port boss"), coverage.described("the mayor")
        ('Tom Baraka', 'Amina Odhiambo', None)
        >>> Coverage.of([Article("b", "t", "Kenyan minister Amina Odhiambo spoke.")], []).described("kenya")  # a country
        >>> coverage.described("the ghana union leader", {"ghana": ("Ghanaian", "Accra")})  # not the country asked

        """
        if not describes_person(description):
            return None  # "the UK", "the White House": no person described
        wanted = [t for t in content_terms(description) if t not in _GENERIC_PEOPLE]
        alternatives = {t: alias_terms(names) for word, names in (others or {}).items() for t in content_terms(word)}

        def found(term: str, have: set[str]) -> bool:
            others = {term} | alternatives.get(term, set())
            return bool(others & have) or any(h[:4] == w[:4] for h in have if len(h) >= 3 for w in others if len(w) >= 3)

        roles = {name: self.role(name) or "" for name in self.people}
        scores = {}
        for name in self.people:
            if any(name in role for role in roles.values()):
                continue  # "Port Authority", in "Port Authority chief Amina Odhiambo": not a person
            have = set(content_terms(f"{roles[name]} {name}"))
            if all(found(t, have) for t in wanted if t in alternatives):  # a country named must be theirs
                scores[name] = sum(found(t, have) for t in wanted) / len(wanted)
        best = max(scores.values(), default=0.0)
        top = [n for n, v in scores.items() if v == best]
        return top[0] if best >= 0.5 and len(top) == 1 else None

    def role(self, name: str) -> str | None:
        """How the articles describe ``name`` ("White House National Security Council spokesman");
        found once per name (a name no article gives a title is looked for in every article)."""
        if name not in self._roles:
            self._roles[name] = self._role(name)
        return self._roles[name]

    def _role(self, name: str) -> str | None:
        for a in self.articles.values():
            at = a.text.find(name)
            if at > 0:
                same_sentence = re.split(r"[.!?][”\"’']?\s+|\n", a.text[max(0, at - 80):at])[-1]
                before = _TITLE_BEFORE.search(same_sentence)
                if before and before[1].strip() and not before[1].strip()[0].islower():
                    return " ".join(before[1].split()).rstrip(",")
        return None

    def _speaker(self, sentence: Sentence) -> str | None:
        """Who speaks in ``sentence`` (one of the corpus's news sentences; see `_speakers_found`)."""
        return self._speakers_found.get((sentence.passage.article_id, sentence.start))

    @cached_property
    def _speakers_found(self) -> dict[tuple[str, int], str | None]:
        """Who speaks in each news sentence, found once per article in reading order: a person
        named beside a reporting verb ("Otieno said", "Peter Otieno on Friday cited", "said
        Otieno", "according to Otieno"; a surname the article names in full elsewhere is that
        person), or, for "he said", the person the article last had speaking before it (else the
        last it named); a quotation with no reporting verb goes on quoting whoever spoke in the
        sentence before (`_OPENS_QUOTE`). A name elsewhere in the sentence ("the Ruto government … says", "the
        government of William Ruto has said") is not a speaker."""
        found: dict[tuple[str, int], str | None] = {}
        for article_id, sentences in self._by_article.items():
            speaking = None  # the last person the article has speaking
            before: str | None = None  # who speaks in the sentence before
            for sentence in sorted(sentences, key=lambda s: s.start):
                outside = _QUOTE.sub(lambda m: " " * len(m[0]), sentence.text)
                said = bool(_SAID.search(outside))
                named = self._named_speaker(outside, article_id) if said else None
                pronoun = said and named is None and bool(_PRONOUN.search(outside))
                speaker = speaking or self._last_named(article_id, sentence.start) if pronoun else named
                if speaker is None and not said and _OPENS_QUOTE.match(sentence.text):
                    speaker = before  # "“…,” she said. “We will review the fees in June.”": the quotation goes on
                found[(article_id, sentence.start)] = before = speaker
                speaking = named or speaking
        return found

    def _last_named(self, article_id: str, before: int) -> str | None:
        """The person ``article_id`` names last before offset ``before``."""
        text = self.articles[article_id].text[:before]
        at, name = max(((text.rfind(n.split()[-1]), n) for n in self._known[article_id]), default=(-1, None))
        return name if at >= 0 else None

    def _named_speaker(self, outside: str, article_id: str) -> str | None:
        """The person named beside a reporting verb of a sentence (its text ``outside`` its
        quotations, blanked out), if any."""
        verbs = list(_SAID.finditer(outside))
        for name, start, end in _mentions(outside, self._known[article_id]):
            if outside[:start].rstrip().endswith((" of", "’s", "'s")):
                continue
            if any((end <= v.start() and _near(outside[end:v.start()], 3))
                   or (v.end() <= start and _near(outside[v.end():start], 4)) for v in verbs):
                return name
        return None

    @cached_property
    def _known(self) -> dict[str, list[str]]:
        """Each article's people, by their full names (`index.text.person_names`)."""
        return {a.id: person_names(a.text) for a in self.articles.values()}

    @cached_property
    def _by_article(self) -> dict[str, list[Sentence]]:
        found: dict[str, list[Sentence]] = {}
        for s in self.sentences:
            found.setdefault(s.passage.article_id, []).append(s)
        return found


def _mentions(text: str, known: list[str]) -> list[tuple[str, int, int]]:
    """The people ``text`` names, in order: full names, and surnames of ``known`` full names."""
    found = [(m[0], m.start(), m.end()) for name in person_names(text) for m in re.finditer(re.escape(name), text)]
    for m in re.finditer(r"\b[A-Z][\w’'-]+\b", text):
        full = next((n for n in known if n.split()[-1] == m[0]), None)
        if full and not any(s <= m.start() < e for _, s, e in found):
            found.append((full, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _near(between: str, words: int) -> bool:
    """Whether ``between`` (the text from a name to its verb) is a few words at most, in one
    clause, none of them a noun the verb could have as its subject instead ("Otieno on Friday
    said", "Otieno also said"; not "the Ruto government says")."""
    found = re.findall(r"[\w’'-]+", between)
    return (len(found) <= words and not re.search(r"[.;:!?]", between)
            and all(w in STOP_WORDS or w[0].isupper() or w.endswith("ly") for w in found))


def _ends_as_news(text: str, at: int) -> bool:
    """Whether the paragraph of ``text`` whose sentence ends at ``at`` ends as a sentence does (a
    caption or a heading does not); only the rest of the paragraph is read."""
    end = text.find("\n", at)
    return bool(_ENDS.search(text[max(0, at - 2):end if end >= 0 else len(text)]))
