"""Text rules shared by ingestion and answering: sentences, words, names, numbers, dates, overlap.

One place for them, so that chunking, retrieval's duplicate check, the extractive answerer,
the citation verifier, the follow-up resolver and the evaluation all agree on what a
sentence is and what "the same word" is.

>>> content_terms("Iran's neighbours were defended by co-operation in 2022.")
['iran', 'neighbor', 'defend', 'cooper', '2022']
>>> numbers("an additional $275mn, 924th centre, 1,000 drones")
['275', '924', '1000']
>>> t = "Mr. Kirby spoke. “We are concerned,” he said.\\n\\nNext one"
>>> [t[s:e] for s, e in sentence_spans(t)]
['Mr. Kirby spoke.', '“We are concerned,” he said.', 'Next one']
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import itertools
import os
import re
from collections.abc import Collection, Iterable

import simplemma
import Stemmer
from llama_index.core.utils import globals_helper

Span = tuple[int, int]

MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
"""``january`` … ``december``."""
WEEKDAYS = tuple(d.lower() for d in calendar.day_name)
"""``monday`` … ``sunday``."""

CAPITALISED_WORD = r"[A-Z][\w’'-]*"
"""A word written with a capital, as names are."""
_NAME_WORD = re.compile(rf"(?<!^)(?<![.?!]\s)\b{CAPITALISED_WORD}")
"""A capitalised word that does not merely start a sentence."""
_CAPITALISED_RUN = re.compile(r"(?<![\w’'])(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s)+[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?!\w|[’'](?!s\b))")
_INSTITUTION = re.compile(
    r"\b(House|Council|Forces|Office|Department|Ministry|Centre|Center|Nations|Union|Security|State|States|Command|"
    r"Aviation|Aerospace|Committee|Agency|Times|Street|Administration|Secretary|Ambassador|Minister|"
    r"Kingdom|Korea|East|West|North|South|" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\b")
_NOT_NAMES = frozenset(("the", "a", "an", "since", "on", "in", "by", *MONTHS))
"""Capitalised words that start sentences or name months, never part of a person's name."""
_TOKEN = re.compile(r"([a-z0-9]+)(?:[’'][a-z]+)?")
"""A word and what follows an apostrophe in it ("britain's", "don't"); `tokens` keeps the word."""
_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
STOP_WORDS = frozenset(globals_helper.stopwords) | frozenset(
    ["also", "could", "would", "may", "might", "said", "says", "say", "told", "according", "like", "one"])
"""NLTK's English stop words (shipped inside llama-index, so no download) and reporting verbs."""
_SPELLING = ((re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"ence(s?)$"), r"ense\1"),
             (re.compile(r"is(e|es|ed|ing|ation)$"), r"iz\1"))


# Sentences and paragraphs ---------------------------------------------------------------

def paragraph_spans(text: str) -> list[Span]:
    """Spans of the paragraphs of a cleaned text (separated by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]


def sentence_spans(text: str, within: Span | None = None) -> list[Span]:
    """Spans of the sentences of ``text`` (or of its part ``within``), never across paragraphs."""
    lo, hi = within or (0, len(text))
    spans = []
    for p_start, p_end in paragraph_spans(text[lo:hi]):
        base = lo + p_start
        for s, e in _punkt().span_tokenize(text[base:lo + p_end]):
            spans.append((base + s, base + e))
    return spans


def text_key(text: str) -> str:
    """The key under which two articles count as duplicates: their text, whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


# Words ----------------------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, possessives and hyphens folded (``co-operation`` → ``cooperation``)."""
    return _TOKEN.findall(text.lower().replace("-", "").replace("\u00ad", ""))


def vocabulary_words(texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` that have a word vector of their own (`index.store.Store.words`,
    stored at index time): alphabetic tokens that are not stop words."""
    return {w for t in texts for w in tokens(t) if w.isalpha() and w not in STOP_WORDS}


def content_terms(text: str) -> list[str]:
    """The stemmed, spelling-folded tokens of ``text`` that are not stop words, in order."""
    return [stem(t) for t in tokens(text) if t not in STOP_WORDS]


def compound_terms(text: str) -> list[str]:
    """`content_terms` of ``text`` and of the names inside its hyphenated words: "Kenyan-owned"
    states "kenyan" as well as "kenyanowned", "Peru-Kenya" both countries ("like-minded"
    states no "mind": only capitalised parts count).

    >>> compound_terms("three Kenyan-owned, like-minded firms")
    ['three', 'kenyanown', 'likemind', 'firm', 'kenyan']
    """
    return content_terms(text) + content_terms(" ".join(hyphenated_names(text)))


def hyphenated_names(text: str) -> list[str]:
    """The capitalised parts of the hyphenated words of ``text`` ("Peru-Kenya deal" → Peru, Kenya)."""
    return [p for word in _HYPHENATED.findall(text) for p in word.split("-") if p[:1].isupper()]


def numbers(text: str) -> list[str]:
    """The numbers written in ``text`` as digits, without thousands separators."""
    return [n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)]


def overlap(part: Collection[str], whole: Collection[str]) -> float:
    """How much of ``part`` is in ``whole`` (1.0 when ``part`` is empty)."""
    return sum(t in whole for t in part) / len(part) if part else 1.0


def words_covered(part: str, whole: str) -> float:
    """Share of the word pairs of ``part`` that ``whole`` has too (1.0: it says all of it).

    >>> words_covered("Kirby said the plan was set.", "On Friday Kirby said the plan was set.")
    1.0
    """
    pairs = word_pairs(part)
    return len(pairs & word_pairs(whole)) / len(pairs) if pairs else 0.0


@functools.lru_cache(maxsize=20_000)  # answering compares the same sentences pairwise
def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The consecutive word pairs of ``text`` (how near-duplicate passages are recognised)."""
    return frozenset(itertools.pairwise(tokens(text)))


@functools.lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """A lower-case token stemmed (Snowball English) after British spellings are folded."""
    if len(token) > 5:
        for pattern, replacement in _SPELLING:
            token = pattern.sub(replacement, token)
    return _stemmer().stemWord(token)


def lemma_terms(text: str) -> set[str]:
    """The stemmed lemmas of the words of ``text`` that are not stop words, so that irregular
    forms, which stemming keeps apart, are one word.

    >>> sorted(lemma_terms("She sent two ferries and gave three"))
    ['ferri', 'give', 'send', 'three', 'two']
    """
    return {stem(lemma(t)) for t in tokens(text) if t not in STOP_WORDS}


def english_word(token: str) -> bool:
    """Whether ``token`` is a form of an English word in simplemma's dictionary ("govt" and
    "admin" are; names and initials such as "reuters" or "eu" are not).

    >>> english_word("ferries"), english_word("govt"), english_word("eu")
    (True, True, False)
    """
    return simplemma.is_known(token.lower(), lang="en")


def load_dictionary() -> None:
    """Load simplemma's English dictionary now rather than on the first word looked up (~0.2 s)."""
    english_word("news")


@functools.lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """The dictionary form of an English word, lower case (simplemma): "chosen" → "choose"; a
    word it does not know is itself ("biden")."""
    return simplemma.lemmatize(token, lang="en").lower()


# Names ----------------------------------------------------------------------------------

def name_terms(text: str) -> set[str]:
    """Terms of the capitalised words of ``text`` that do not just start a sentence.

    >>> sorted(name_terms("What did Kirby say about Iran? He spoke."))
    ['iran', 'kirbi']
    """
    return {t for name in _NAME_WORD.findall(text.strip()) for t in content_terms(name)}


def person_name(text: str) -> str | None:
    """The first name of a person (two or three capitalised words, not an institution) in ``text``.

    Titles in front are dropped:

    >>> person_name("Russia’s UN Ambassador Vassily Nebenzia again denied it"), person_name("the Middle East")
    ('Vassily Nebenzia', None)
    >>> person_name("UK Foreign Secretary James Cleverly said"), person_name("the National Security Council")
    ('James Cleverly', None)
    """
    return next(iter(person_names(text)), None)


def person_names(text: str) -> list[str]:
    """Every person's name in ``text`` (see `person_name`), in order.

    >>> person_names("Otieno said Ngozi Eze and Tunde Bakare spoke of Babajide Sanwo-Olu’s plan.")
    ['Ngozi Eze', 'Tunde Bakare', 'Babajide Sanwo-Olu']
    """
    found = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = match[0].split()
        titles = [i for i, w in enumerate(words) if _INSTITUTION.fullmatch(w)]
        words = words[titles[-1] + 1:] if titles else words  # "Transport Minister Amina Odhiambo"
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        if any(w.lower() in _NOT_NAMES for w in words):
            continue
        if 2 <= len(words) <= 3 and len(words[-1]) > 2:
            found.append(" ".join(words))
    return found


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@functools.cache
def _punkt():
    """NLTK's Punkt sentence tokenizer, from the copy of its data that llama-index ships."""
    import llama_index.core
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    nltk_data = os.path.join(os.path.dirname(llama_index.core.__file__), "_static", "nltk_cache")
    if nltk_data not in nltk.data.path:
        nltk.data.path.insert(0, nltk_data)
    return PunktTokenizer("english")
