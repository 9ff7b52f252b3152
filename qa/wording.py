"""A question as people type it, made comparable with the articles' words.

People type ``whats the nsc guys name``, ``uk envoy?``, ``missles from tehran?``. Before
retrieval and scoring, a question is put in the corpus's own words, by rules that come from
data, not from any particular article:

- chat contractions and dropped apostrophes are spelled out (``whats`` → ``what is``), and a
  "pls", "please" or "thanks" opening or closing the question is dropped;
- a word that is neither in the corpus nor a common English word (by ``wordfreq``) is
  corrected to the corpus word one or two edits away (a swap of two letters is one edit) with
  the same first letter (``missles`` → ``missiles``), preferring a swap, then the commoner word; failing
  that, to NLTK's English stop words (``whta`` → ``what``), then to wordfreq's common English
  words (``sumary`` → ``summary``) the same way;
- a word that stays neither in the corpus nor common English (``himars``; two corpus words run
  together, ``dockworker``, are known), a name where who acts stands (after an auxiliary verb:
  ``did the eu sanction them``) that is in no article and no English word (simplemma's
  dictionary; frequent on the web as "eu" is, it is still a name), or a country none
  of whose names any article uses (``china``), names what the articles never mention: such a
  question is refused saying so (`Wording.unknown`);
- names of countries are linked with their capitals, demonyms and other spellings from a
  gazetteer (the ``countryinfo`` package): ``Tehran`` also means ``Iran``, ``UK`` also means
  ``United Kingdom`` and ``British``; a code typed in lower case (``tz``) is a country only
  where the articles name that country, and a name is mentioned by its uncommon words
  (`alias_terms`: "Kingdom", never "United");
- an acronym the corpus spells out somewhere (``National Security Council`` for ``NSC``) also
  means its words;
- a word cut short is spelled out where the corpus writes a longer word so beside the same
  neighbour (``transport min`` → ``transport minister``, ``port auth`` → ``port authority``);
- two words that different articles write in the same frame (the same two words after them, or
  before them: "barred two Kenyan ferry lines", "blacklisted two Kenyan-owned ferry lines")
  are the same act told by two outlets: the scores take them for each other at a lower
  embedding similarity than other words (`Wording.framed`, `qa.evidence.FRAMED_SYNONYM`);
- getting something back ("what does X get back for …") is searched as "in return", "in exchange";
- a number means the same number as the corpus writes it: ``3`` also means ``three`` where an
  article writes "three" (and the other way; ``num2words`` spells them), and an amount typed with
  another abbreviation of its scale (``450m``, ``450 million``) means the corpus's ``450mn``.

The corrected question is what the reply says it answered; the linked names are
*expansions*, added to what is searched and scored, never shown as the user's words.

>>> w = Vocabulary.of(["The National Security Council spokesman spoke of missiles in Iran."])
>>> wording = w.normalise("whats the nsc guys view on missles from tehran?")
>>> wording.text
'what is the nsc guys view on missiles from tehran?'
>>> wording.expansions["tehran"], wording.expansions["nsc"]
(('Iran', 'Iranian'), ('National Security Council',))
>>> sorted(w.normalise("what did the council say about iran?").names)
['council', 'iran']
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from num2words import num2words
from rapidfuzz import distance, process
from wordfreq import top_n_list, zipf_frequency

from index.text import STOP_WORDS, english_word, hyphenated_names, sentence_spans, stem, tokens, word_pairs

_DOTTED_INITIALS = re.compile(r"\b(?!e\.g\.|i\.e\.|[ap]\.m\.)((?:[A-Za-z]\.){1,3}[A-Za-z])\.?(?![\w.])", re.I)
"""Initials typed with full stops ("u.s.", "U.N."), read as the initials ("US", "UN"); "e.g.",
"i.e.", "a.m." and "p.m." are no initials of a name."""
_POLITE = re.compile(r"^\s*(?:pls|plz|please)\b[\s,]*|[\s,]*\b(?:pls|plz|please|thx|thanks|thank you|ty)\s*(?=[.!?]*\s*$)",
                     re.I)
"""Politeness at either end of a chat question ("quotes from otieno pls"): no part of what is asked."""
_CONTRACTIONS = (
    (re.compile(r"\b(what|who|where|when|how|why)s\b", re.I), r"\1 is"),
    (re.compile(r"\b(what|who|where|when|how|why)re\b", re.I), r"\1 are"),
    (re.compile(r"\b(is|are|was|were|do|does|did|has|have|had|can|could|would|should|wo)nt\b", re.I), r"\1 not"),
    (re.compile(r"\bu\b", re.I), "you"),
    (re.compile(r"\br\b", re.I), "are"),
    (re.compile(r"\b(gon|wan|got)na\b", re.I), lambda m: {"gon": "going", "wan": "want", "got": "got"}[m[1].lower()] + " to"),
    (re.compile(r"\babt\b", re.I), "about"),
    (re.compile(r"\bthru\b", re.I), "through"),
    (re.compile(r"\bw/o(?!\w)", re.I), "without"),
    (re.compile(r"\bw/\s*", re.I), "with "),
)
"""English chat spellings: ``whats``, ``whos``, ``didnt``, ``u``, ``r``, ``gonna``, ``abt``, ``w/``."""
_ENGLISH_CODES = STOP_WORDS | {"us", "am", "ad", "ai", "al", "ar", "at", "be", "by", "ca", "co", "de", "do", "es", "eg"}
"""Country codes that are also English words or abbreviations, matched in lower case only after "the"."""
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_ACRONYM_RUN = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,3})(?:\s+(?:of|for|and|the)?\s*[A-Z][a-z]+){1,5}")
"""A name written out, whose initials people type: "Kenya Ports Authority" (KPA), and with
initials of its own inside, "UN Port Council" (UNPC)."""
_BODY_RUN = re.compile(r"\b[A-Za-z]+(?:,?\s+(?:and\s+|of\s+|for\s+)?[A-Za-z]+){1,4}\s+(?:office|ministry|department|agency"
                       r"|council|commission|committee|authority|service|bureau)\b", re.I)
"""A body's name written out in any case ("the port health and safety authority"), whose
initials people type ("phsa")."""
_SCALES = {"k": "thousand", "thousand": "thousand", "m": "million", "mn": "million", "mln": "million", "mil": "million",
           "million": "million", "b": "billion", "bn": "billion", "billion": "billion"}
"""The abbreviations of each scale of an amount."""
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_OPENS_SENTENCE = re.compile(r"(^|[.!?][”\"’']?\s+|\n\s*|[“\"]\s*)$")
"""What comes before a word that opens a sentence (searched in the 4 characters before it)."""
_AMOUNT = re.compile(r"\b(?P<digits>\d[\d,.]*)\s?(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b",
                     re.I)
_SPELLED = {str(n): num2words(n).replace("-", "") for n in range(100)}  # as tokens: "twenty-one" is "twentyone"
_NUMBER_WORDS = {**_SPELLED, **{word: digits for digits, word in _SPELLED.items()}}
"""0–99 in digits → in words, and in words → in digits."""
_QUESTION_WORDS = ("what", "who", "when", "where", "why", "how", "which", "whose")
_OPENING = re.compile(r"^\s*([a-z]{2,4})(?=\s+(?:did|does|do|is|are|was|were|has|have|will|would|can|could|r|s)\b)", re.I)
"""A question's first word before an auxiliary verb: where a question word stands."""
_ACTOR = re.compile(r"\b(?:did|does|do|has|have|had|is|are|was|were|will|would|can|could|should)\s+(?:the\s+)?"
                    r"([^\W\d_][\w’'-]+)", re.I)
"""The word after an auxiliary verb, where who acts stands ("did the eu sanction them", "what does
bloomberg report")."""
_COMMON = 2.5
"""Zipf frequency (wordfreq: log10 of uses per billion words) from which an English word is
taken as meant, never as a typo ("many" is not "may"; "missles", at 1.5, is a typo)."""
_COMMON_CODE = 5.2
"""Zipf frequency from which a lower-case country code is an English word, not the country
("ago" is not Angola; "uk", "usa" stay codes)."""
_NAME_SHARE = 0.9
"""Share of a word's uses that must be capitalised (not at a sentence's start) for it to be a name."""
_MIN_PART = 3
"""Shortest word of a compound typed as one word ("dockworker")."""
_MIN_CORRECTED = 4
"""Words shorter than this are never corrected (too many near neighbours)."""
_RARE = 3.0
"""Zipf frequency under which an English word one letter from a name of the corpus is taken as
that name misspelt (surnames such as "woodard" are English words to ``wordfreq``)."""
_POSSESSIVE = re.compile(r"([a-z]+)(['’]s)")


@dataclass(frozen=True)
class Wording:
    """A question in the corpus's words."""

    text: str
    """The question with chat spellings spelled out and typos corrected."""
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Names in the question → their other names (a capital's country, an acronym's words)."""
    corrections: dict[str, str] = field(default_factory=dict)
    """Each corrected word and what it became."""
    names: frozenset[str] = frozenset()
    """Terms of the question's words that the corpus writes as names ("kirby" → ``kirbi``): people
    type names in lower case, and a name weighs more than other words (`qa.evidence`)."""
    unknown: tuple[str, ...] = ()
    """Words of the question that name something the corpus never mentions: a rare word (not
    common English) in no article, in no inflection (``himars``), or a country none of whose
    names is in any article (``china``). No sentence of the corpus can be about them."""
    framed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Words of the question → (a corpus word of the same stem, a word other articles write in its
    frame) pairs (`Vocabulary.framed`): "bars" → ``("barred", "blacklisted")``."""

    @property
    def searched(self) -> str:
        """What retrieval and word matching use: the text and its expansions."""
        return " ".join((self.text, *(n for names in self.expansions.values() for n in names)))


GOT_BACK = re.compile(r"\b(?:gets?|getting|got|receives?|receiving|received)\s+(?:\w+\s+)?back\b", re.I)
"""Getting something back, as people say what they get in return: searched as "in return", "in exchange"."""
FRAME_WORDS = 2
"""Words after (or before) a word that make its frame: "two Kenyan" in "barred two Kenyan ferry lines"."""
FRAME_PREFIX = 4
"""Letters by which frame words are compared ("Kenyan" and "Kenyan-owned" make the same frame)."""
FRAME_MOST = 12
"""Most different words a frame is shared by; a frame more words share ("said the") tells nothing."""


class _Frames:
    """The frames of a corpus's words, text by text, and the words that different texts write in
    the same frame: ``shared["barred"] == {"blacklisted"}`` when one article says "barred two
    Kenyan ferry lines" and another "blacklisted two Kenyan-owned ferry lines". Stop words
    are left out of frames, names and numbers are kept (they anchor what the frame is about)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], dict[str, int]] = {}
        self._texts = 0
        self.shared: dict[str, set[str]] = {}

    def add(self, text: str) -> None:
        for start, end in sentence_spans(text):
            self._add(text[start:end])
        self._texts += 1

    def _add(self, sentence: str) -> None:
        words = [w for w in tokens(sentence) if w not in STOP_WORDS]
        prefixes = [w[:FRAME_PREFIX] for w in words]
        for i, word in enumerate(words):
            if not word.isalpha() or len(word) < FRAME_PREFIX:
                continue
            after = tuple(prefixes[i + 1:i + 1 + FRAME_WORDS])
            before = tuple(prefixes[max(0, i - FRAME_WORDS):i])
            for frame in (("after", *after), ("before", *before)):
                if len(frame) <= FRAME_WORDS:
                    continue
                written = self._seen.setdefault(frame, {})
                if word in written or len(written) >= FRAME_MOST:
                    continue
                for other, text_number in written.items():
                    if text_number != self._texts and stem(other) != stem(word):
                        self.shared.setdefault(word, set()).add(other)
                        self.shared.setdefault(other, set()).add(word)
                written[word] = self._texts



class Vocabulary:
    """The words of one corpus, with the acronyms it spells out. Build it with `Vocabulary.of`."""

    def __init__(self, counts: Counter, acronyms: dict[str, str], capitalised: Counter | None = None,
                 amounts: dict[tuple[str, str], str] | None = None, pairs: Counter | None = None,
                 framed: dict[str, set[str]] | None = None):
        self.counts = counts
        self.framed: dict[str, set[tuple[str, str]]] = {}
        """A stem → (a word of that stem, a word other texts write in its frame) pairs (`_Frames`)."""
        for word, others in (framed or {}).items():
            self.framed.setdefault(stem(word), set()).update((word, other) for other in others)
        self.pairs = pairs or Counter()
        """Consecutive word pairs of the corpus (``("foreign", "secretary")``), for abbreviations."""
        self.acronyms = acronyms
        self.amounts = amounts or {}
        """(digits, scale) → how the corpus writes that amount: ``("450", "million")`` → ``"450mn"``."""
        self.name_words = frozenset(w for w, n in (capitalised or Counter()).items() if n >= _NAME_SHARE * counts[w])
        """Words the corpus writes capitalised (where no sentence starts) nearly every time: names."""
        self._words = [w for w, _ in counts.most_common() if len(w) >= _MIN_CORRECTED - 1]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        counts: Counter = Counter()
        capitalised: Counter = Counter()
        inside: set[str] = set()  # capitalised somewhere no sentence starts
        acronyms: dict[str, str] = {}
        amounts: dict[tuple[str, str], str] = {}
        pairs: Counter = Counter()
        frames = _Frames()
        word_tokens: dict[str, list[str]] = {}  # the tokens of each capitalised word, found once
        for text in texts:
            frames.add(text)
            names_within = hyphenated_names(text)  # "Peru-Kenya" mentions Kenya
            counts.update(tokens(text) + tokens(" ".join(names_within)))
            capitalised.update(tokens(" ".join(names_within)))
            inside.update(tokens(" ".join(names_within)))
            pairs.update(word_pairs(text))
            for m in _AMOUNT.finditer(text):
                amounts.setdefault((m["digits"].replace(",", ""), _SCALES[m["scale"].lower()]), m[0].replace(" ", ""))
            for m in _CAPITALISED.finditer(text):
                opening = bool(_OPENS_SENTENCE.search(text, max(0, m.start() - 4), m.start()))
                for t in word_tokens.get(m[0]) or word_tokens.setdefault(m[0], tokens(m[0])):
                    capitalised[t] += 1
                    if not opening:
                        inside.add(t)
            for run in _ACRONYM_RUN.finditer(text):
                words = run[0].split()
                while words and words[0].lower() in STOP_WORDS:
                    words.pop(0)
                initials = "".join(w if w.isupper() else w[0] for w in words if w[0].isupper()).lower()
                if len(initials) >= 2:
                    acronyms.setdefault(initials, " ".join(words))
            for run in _BODY_RUN.finditer(text):  # "the port health and safety authority": PHSA
                words = [w for w in re.findall(r"[A-Za-z]+", run[0]) if w.lower() not in STOP_WORDS]
                if len(words) >= 3:
                    acronyms.setdefault("".join(w[0] for w in words).lower(), " ".join(words))
        return cls(counts, acronyms, Counter({t: n for t, n in capitalised.items() if t in inside}), amounts, pairs,
                   frames.shared)

    def normalise(self, question: str) -> Wording:
        """``question`` in the corpus's words (see the module docstring)."""
        text = _DOTTED_INITIALS.sub(lambda m: m[1].replace(".", "").upper(), _POLITE.sub("", question))
        for pattern, spelled in _CONTRACTIONS:
            text = pattern.sub(spelled, text)
        corrections: dict[str, str] = {}
        words, at = [w.lower() for w in _WORD.findall(text)], itertools.count()

        def correct(match: re.Match) -> str:
            word, i = match[0], next(at)
            better = self.correct(word, tuple(words[max(0, i - 1):i] + words[i + 1:i + 2]))
            if better != word.lower():
                corrections[word] = better
                return better
            return word

        text = _WORD.sub(correct, text)
        text = self._unabbreviated(text, corrections)
        if (opening := _OPENING.match(text)) and (asking := _question_word(opening[1])):
            corrections[opening[1]] = asking  # "wat did …", "wht is …": too short to correct elsewhere
            text = asking + text[opening.end(1):]
        # A code in lower case ("tz") is a country only where the articles name that country.
        expansions = {name: others for name, others in aliases(text).items()
                      if not _is_code(name) or not name.islower() or self._names_country(name)}
        for token in tokens(text):
            spelled = self.acronyms.get(token)
            typed_as_acronym = token not in STOP_WORDS or re.search(rf"\b{token.upper()}\b", text)  # "for me" is no "ME"
            if spelled and token not in self.counts and len(token) >= 2 and typed_as_acronym:
                expansions[token] = (spelled,)
        expansions.update(self._numbers(text))
        if back := GOT_BACK.search(text):  # "what does kenya get back for the ferries?"
            expansions[back[0]] = ("in return", "in exchange")
        names = frozenset(stem(t) for t in tokens(text) if t in self.name_words and t not in STOP_WORDS)
        framed = {t: tuple(sorted(self.framed[stem(t)])) for t in tokens(text) if stem(t) in self.framed}
        return Wording(text, expansions, corrections, names, self._unknown(text, expansions), framed)

    def _unabbreviated(self, text: str, corrections: dict[str, str]) -> str:
        """``text`` with words cut short spelled out where the corpus says how: a word the corpus
        lacks that begins a corpus word which follows or precedes the same neighbour there
        ("uk foreign sec" → "secretary", as the corpus says "foreign secretary"; "sec of state")."""
        words = list(_WORD.finditer(text))
        spelled: dict[tuple[int, int], str] = {}
        for i, m in enumerate(words):
            short = m[0].lower()
            if len(short) < 3 or short in self.counts or short in STOP_WORDS or short in _gazetteer_words():
                continue  # "kenyan" is no "kenyan-flagged" cut short
            before = words[i - 1][0].lower() if i else None
            after = words[i + 1][0].lower() if i + 1 < len(words) else None
            at = bisect.bisect_left(self._sorted, short)
            longer = itertools.takewhile(lambda w, prefix=short: w.startswith(prefix), self._sorted[at:])
            fits = {w for w in longer if len(w) >= len(short) + 2 and stem(w) != stem(short)  # "call" is not cut short
                    and ((before, w) in self.pairs or (w, after) in self.pairs)}
            if len(fits) == 1:
                spelled[m.span()] = corrections[m[0]] = fits.pop()
        for (start, end), word in sorted(spelled.items(), reverse=True):
            text = text[:start] + word + text[end:]
        return text

    def _numbers(self, text: str) -> dict[str, tuple[str, ...]]:
        """The numbers of ``text`` → how the corpus writes them otherwise (see the module docstring)."""
        found: dict[str, tuple[str, ...]] = {}
        for m in _AMOUNT.finditer(text):
            written = self.amounts.get((m["digits"].replace(",", ""), _SCALES[m["scale"].lower()]))
            if written and written.lower() != m[0].replace(" ", "").lower():
                found[m[0]] = (written,)
        for token in tokens(text):
            other = _NUMBER_WORDS.get(token)
            if other and other in self.counts and token not in found:
                found[token] = (other,)
        return found

    def _unknown(self, text: str, expansions: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The words of ``text`` that name what the corpus never mentions (see `Wording.unknown`)."""
        found = [w.lower() for w in re.findall(r"[^\W_][\w’'-]*", text)
                 if len(w) >= 3 and any(c.isalpha() for c in w) and zipf_frequency(w, "en") < _COMMON
                 and w not in expansions and w.lower() not in expansions  # "KPA", expanded as "kpa"
                 and not any(self._known(t) for t in tokens(w))]
        found += [m[1].lower() for m in _ACTOR.finditer(text) if not english_word(m[1]) and m[1].lower() not in expansions
                  and not any(self._known(t) for t in tokens(m[1]))]
        for name in expansions:
            key = _by_lower().get(name.lower())
            if key is None or _is_code(key):
                continue  # an acronym the corpus spells out, or a code that may be an English word ("per")
            if not self._names_country(name):
                found.append(name.lower())
        return tuple(dict.fromkeys(found))

    def _names_country(self, name: str) -> bool:
        """Whether the corpus uses one of the names of the country ``name`` names."""
        key = _by_lower().get(name.lower())
        names = _gazetteer().get(key, ()) if key else ()
        return any(all(t in self.counts for t in tokens(n) if t not in STOP_WORDS) for n in names)

    def _known(self, token: str) -> bool:
        """Whether ``token`` is a stop word, a place name, a word of the corpus in some inflection,
        or two such words run together ("dockworkers": "dock" and "workers")."""
        return (token in STOP_WORDS or token in self.counts or token in _gazetteer_words()
                or stem(token) in self._stems or self._compound(token))

    def _compound(self, token: str) -> bool:
        parts = ((token[:i], token[i:]) for i in range(_MIN_PART, len(token) - _MIN_PART + 1))
        return any(a in self.counts and (b in self.counts or stem(b) in self._stems) for a, b in parts)

    @functools.cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.counts)

    @functools.cached_property
    def _names(self) -> list[str]:
        """The corpus's name words, commonest first."""
        return [w for w in self._words if w in self.name_words]

    @functools.cached_property
    def _stems(self) -> frozenset[str]:
        return frozenset(stem(w) for w in self.counts)

    def correct(self, word: str, beside: tuple[str, ...] = ()) -> str:
        """The corpus word (or English function word) ``word`` was meant to be, lower case;
        ``word`` itself (lower case) when it is known, short, or has no near neighbour. Of corpus
        words as near, one the corpus writes next to a word ``beside`` it in the question comes
        first ("harbour nws" is "harbour news" where the corpus says so, not "new").

        >>> v = Vocabulary.of(["Ferry ties were cut, the Lagos Times said. Ties matter, ties last."])
        >>> v.correct("tmes"), v.correct("tmes", ("lagos",))
        ('ties', 'times')
        """
        lower = word.lower()
        if (owner := _POSSESSIVE.fullmatch(lower)) and owner[1] not in self.counts:  # "blinkin's statement"
            return self.correct(owner[1], beside) + owner[2]
        if len(lower) < _MIN_CORRECTED or lower in self.counts or lower in STOP_WORDS or not lower.isalpha() \
                or lower in self.acronyms:  # "phsa" is the corpus's "port health and safety authority"
            return lower
        if lower in _gazetteer_words():
            return lower
        if (frequency := zipf_frequency(lower, "en")) >= _COMMON:
            # A rare word one letter from a name of the corpus was that name ("mandla" at 2.6, "mandela").
            name = _nearest(lower, self._names, 1) if frequency < _RARE else None
            return name if name and name[0] == lower[0] else lower
        limit = 1 if len(lower) <= 5 else 2
        def written_beside(candidate: str) -> bool:
            return any(self.pairs[(other, candidate)] or self.pairs[(candidate, other)] for other in beside)

        for candidates in (self._words, _FUNCTION_WORDS):
            found = _nearest(lower, candidates, limit, written_beside)
            if found and found[0] == lower[0]:
                return found
        # An inflection the corpus does not use, misspelt ("sanctoined"): its stem is one edit from a corpus stem.
        found = process.extractOne(stem(lower), list(self._by_stem), scorer=distance.OSA.distance, score_cutoff=1)
        if found and found[0][0] == lower[0] and len(found[0]) >= _MIN_CORRECTED:
            return self._by_stem[found[0]]
        # A common English word one edit away ("sumary"; "himars" is no "humans").
        found = _nearest(lower, _english_words(), 1)
        if found and found[0] == lower[0]:
            return found
        return lower

    @functools.cached_property
    def _by_stem(self) -> dict[str, str]:
        """Each stem of the corpus's words → its commonest word."""
        found: dict[str, str] = {}
        for word in self._words:  # commonest first
            found.setdefault(stem(word), word)
        return found


def _nearest(word: str, candidates: list[str], limit: int, fits: Callable[[str], bool] | None = None) -> str | None:
    """The candidate fewest edits from ``word`` (at most ``limit``; two letters swapped is one
    edit), the earliest (commonest) of those as near; among them, one that ``fits`` its place
    first, then one with ``word``'s very letters, since swapping two is the commonest slip
    ("peice" is "piece" rather than "price")."""
    found = process.extract(word, candidates, scorer=distance.OSA.distance, score_cutoff=limit, limit=None)
    if not found:
        return None
    least = min(d for _, d, _ in found)
    nearest = [w for w, d, _ in found if d == least]
    if fits and (fitting := [w for w in nearest if fits(w)]):
        nearest = fitting
    return next((w for w in nearest if sorted(w) == sorted(word)), nearest[0])


def aliases(text: str) -> dict[str, tuple[str, ...]]:
    """The countries, capitals and demonyms ``text`` names → their other names.

    >>> aliases("news from Moscow and the UK")["UK"]
    ('United Kingdom', 'British', 'London', 'Britain', 'Great Britain')
    """
    groups = _gazetteer()
    return {name: tuple(other for other in groups[key] if other != key and _spoken(other, groups[key]))
            for name, key in _named_places(text)}


def codes(name: str) -> tuple[str, ...]:
    """The codes of the country ``name`` names (a name, capital, demonym or code), which
    `aliases` leaves out of what is searched but a sentence may write ("British" → "UK").

    >>> codes("British")
    ('GB', 'UK', 'GBR')
    """
    key = _by_lower().get(name.lower())
    return tuple(n for n in _gazetteer()[key] if _is_code(n)) if key else ()


def countries_in(text: str) -> set[str]:
    """The countries ``text`` names by any of their names (a capital, a demonym, a code), each
    by its gazetteer name: "Washington" and "the US" are the same country, "the UK" is not it.

    >>> sorted(countries_in("Washington said the US and Kyiv agreed"))
    ['Ukraine', 'United States']
    """
    return {_gazetteer()[key][0] for _, key in _named_places(text)}


@functools.lru_cache(maxsize=20_000)
def _named_places(text: str) -> tuple[tuple[str, str], ...]:
    """Each country name, capital, demonym or code in ``text`` (as written) with its gazetteer key
    (kept for the last texts: answering asks it of the same sentences many times)."""
    groups = _gazetteer()
    return tuple((name, next((n for n in (name, name.upper()) if n in groups), None) or _by_lower()[name.lower()])
                 for pattern in _name_patterns() for name in (m["name"] for m in pattern.finditer(text)))


def _spoken(name: str, group: tuple[str, ...]) -> bool:
    """Whether ``name`` is said in news: the first three of a group (name, demonym, capital), a
    short name (`_SHORT_NAMES`), or another spelling of several words without "of" ("Great
    Britain", not "Republic of Iran")."""
    return (group.index(name) < 3 or name in _SHORT_NAMES.get(group[0], ())
            or (" " in name and " of " not in name and not name.isupper()))


_SHORT_NAMES = {"United Kingdom": ("Britain",), "United States": ("America",)}
"""Short names in everyday use that countryinfo does not list ("what did britain say" means
the UK as much as "the UK" does)."""


@functools.cache
def _name_patterns() -> tuple[re.Pattern, ...]:
    """One pattern for names (any case), one for codes: in capitals ("US"), in lower case where
    no English word ("uk"), after "the" ("the us"), and "us" where it cannot be the pronoun
    ("which us president", "us aid?")."""
    names = sorted((n for n in _gazetteer() if not (len(n) <= 3 and n.isupper())), key=len, reverse=True)
    codes = [n for n in _gazetteer() if len(n) <= 3 and n.isupper()]
    plain = [c.lower() for c in codes if c.lower() not in _ENGLISH_CODES and zipf_frequency(c.lower(), "en") < _COMMON_CODE]
    return (
        re.compile(r"\b(?P<name>" + _trie({n.lower() for n in names}) + r")(?:s|’s|'s)?\b", re.I),  # "kenyas", "peruvians"
        re.compile(r"\b(?P<name>" + "|".join(codes) + r")\b"),
        re.compile(r"\b(?P<name>" + "|".join(plain) + r")\b"),
        re.compile(r"\bthe (?P<name>" + "|".join(c.lower() for c in codes) + r")\b", re.I),
        # "which us president", "us aid?", "the uk and us": the country, not "tell us"
        re.compile(r"(?:^\s*|\b(?:which|what|whose|a|an|any|and|or|vs|versus)\s+)(?P<name>us)\b"
                   r"(?!\s+(?:to|about|with|know|more|what|how|why|if)\b)", re.I),
    )


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` that matches as ``"|".join(longest first)`` does, written as
    a trie so a text is scanned once rather than once per word (a thousand country names).

    >>> _trie(["peru", "perth", "per"]), re.fullmatch(_trie(["a", "ab", "abc"]), "ab")[0]
    ('per(?:(?:th|u))?', 'ab')
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        parts = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        body = "" if not parts else parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if body and "" in node else body
    return branch(root)


@functools.cache
def _gazetteer() -> dict[str, tuple[str, ...]]:
    """Every name of a country (its name, demonym, capital, Latin-letter other spellings and
    codes of two or three letters) → the country's group of names: name, demonym, capital first.
    A name several countries share ("American", "Indian", "French") is the most populous one's."""
    names: dict[str, tuple[str, ...]] = {}
    for info in sorted(_countries(), key=lambda c: -(c.get("population") or 0)):
        capitals = info.get("capital") or []
        capitals = [re.sub(r"\s+D\.?C\.?$", "", c) for c in ([capitals] if isinstance(capitals, str) else capitals)]
        others = [s for s in info.get("altSpellings") or [] if isinstance(s, str) and s.isascii() and "," not in s]
        demonym = info.get("demonym") if isinstance(info.get("demonym"), str) else None
        group = tuple(dict.fromkeys(n for n in (info["name"], demonym, *capitals, *_SHORT_NAMES.get(info["name"], ()),
                                                *others) if n))
        for name in group:
            names.setdefault(name, group)
    return names


@functools.cache
def _english_words() -> list[str]:
    """English words common enough to be what a typo meant when no corpus word is ("sumary" →
    "summary"), commonest first (``wordfreq``'s list)."""
    return [w for w in top_n_list("en", 25_000) if w.isalpha() and len(w) >= _MIN_CORRECTED] + list(_NEWS_WORDS)


_NEWS_WORDS = ("byline", "bylines", "dateline", "datelines", "corroborate", "corroborated", "corroboration", "summarise",
               "summarised", "takeaways")
"""Words of a reader's questions about the coverage (`qa.kinds`) that wordfreq's commonest
words lack: what "bylin" or "corroberate" was meant to be."""


def _question_word(word: str) -> str | None:
    """The question word ``word`` (opening a question, before its verb) was meant to be: one
    edit away, same first letter, the commonest of several ("wat" → "what", "hw" → "how"); None
    when it is one already, or no question word is so near."""
    lower = word.lower()
    if lower in _QUESTION_WORDS:
        return None
    near = [q for q in _QUESTION_WORDS if q[0] == lower[0] and distance.OSA.distance(lower, q) == 1]
    return max(near, key=lambda q: zipf_frequency(q, "en"), default=None)


@functools.cache
def _by_lower() -> dict[str, str]:
    return {n.lower(): n for n in _gazetteer()}


def _is_code(name: str) -> bool:
    """Whether ``name`` is a country code of two or three letters ("US", "tz"), not a name."""
    key = _by_lower().get(name.lower())
    return key is not None and len(key) <= 3 and key.isupper()


def alias_terms(names: Iterable[str]) -> frozenset[str]:
    """The terms by which a text mentions something by any of ``names``: a name's words that are
    not common English (wordfreq), or all its words when every one is common. "Great Britain" and
    "United Kingdom" are mentioned by "Britain" and "Kingdom", never by "united" or "great",
    which would make "the United States" a mention of the UK. The one name an acronym stands
    for is mentioned by its rarest word ("fisheries" for "ministry fisheries blue economy", not
    "blue").

    >>> sorted(alias_terms(["Great Britain", "United Kingdom", "London"]))
    ['britain', 'kingdom', 'london']
    """
    names = list(names)
    if len(names) == 1 and " " in names[0]:  # one name of several words, an acronym's ("phsa")
        terms = [t for t in tokens(names[0]) if t not in STOP_WORDS]
        return frozenset({stem(min(terms, key=lambda t: zipf_frequency(t, "en")))}) if terms else frozenset()
    found: set[str] = set()
    for name in names:
        terms = [t for t in tokens(name) if t not in STOP_WORDS]
        rare = [t for t in terms if zipf_frequency(t, "en") < _COMMON_CODE]
        found |= {stem(t) for t in rare or terms}
    return frozenset(found)


@functools.cache
def capitals() -> dict[str, frozenset[str]]:
    """Lower-case capital → the lower-case names of its country (and its people).

    >>> sorted(capitals()["moscow"])[:2]
    ['russia', 'russian']
    """
    found: dict[str, frozenset[str]] = {}
    for country in _countries():
        capital = country.get("capital") or []
        names = frozenset(n.lower() for n in (country["name"], country.get("demonym")) if isinstance(n, str))
        for c in [capital] if isinstance(capital, str) else capital:
            found[re.sub(r"\s+D\.?C\.?$", "", c).lower()] = names
    return found


@functools.cache
def country_names() -> frozenset[str]:
    """Lower-case names of countries and their peoples (not their capitals, which are cities).

    >>> "iranian" in country_names(), "tehran" in country_names()
    (True, False)
    """
    capitals = set()
    for country in _countries():
        capital = country.get("capital") or []
        capitals |= {c.lower() for c in ([capital] if isinstance(capital, str) else capital)}
    return frozenset(n.lower() for n in _gazetteer() if n.lower() not in capitals)


@functools.cache
def demonyms() -> frozenset[str]:
    """Lower-case names of countries' peoples ("kenyan"), which also say "of that country".

    >>> "iranian" in demonyms(), "iran" in demonyms()
    (True, False)
    """
    return frozenset(c["demonym"].lower() for c in _countries() if isinstance(c.get("demonym"), str))


@functools.cache
def _gazetteer_words() -> frozenset[str]:
    """The words of every name in the gazetteer: real names, never typos."""
    return frozenset(t for name in _gazetteer() for t in tokens(name))


_FUNCTION_WORDS = sorted(STOP_WORDS | {"what", "when", "where", "which", "who", "why", "how"})


@functools.cache
def _countries() -> list[dict]:
    from countryinfo import all_countries

    return [c.info() for c in all_countries() if c.info().get("name")]
