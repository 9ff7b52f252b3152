"""Words as the answerer compares them: normalised, spelling-folded, stemmed, stop words out.

One place for it, so that retrieval's duplicate check, the extractive answerer, the
citation verifier and the follow-up resolver all agree on what "the same word" is.

>>> content_terms("Iran's neighbours were defended by co-operation in 2022.")
['iran', 'neighbor', 'defend', 'cooper', '2022']
>>> numbers("an additional $275mn, 924th centre, 1,000 drones")
['275', '924', '1000']
"""

from __future__ import annotations

import functools
import re

import Stemmer
from llama_index.core.utils import globals_helper

_CAPITALISED_RUN = re.compile(r"(?<![\w’'])(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s)+[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w’'])")
_INSTITUTION = re.compile(
    r"\b(House|Council|Forces|Office|Department|Ministry|Centre|Center|Nations|Union|Security|States|Command|"
    r"Aviation|Aerospace|Committee|Agency|Times|Street|Administration|Secretary|Ambassador|Minister|"
    r"Kingdom|Korea|East|West|North|South|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:[’'][a-z]+)?")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_STOP = frozenset(globals_helper.stopwords) | frozenset(
    "also could would may might said says say told according like one".split())
"""NLTK's English stop words (shipped inside llama-index, so no download) and reporting verbs."""
_SPELLING = ((re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"ence(s?)$"), r"ense\1"),
             (re.compile(r"is(e|es|ed|ing|ation)$"), r"iz\1"))


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, possessives and hyphens folded (``co-operation`` → ``cooperation``)."""
    text = text.lower().replace("-", "").replace("\u00ad", "")
    return [re.sub(r"[’']s$|[’'].*$", "", t) for t in _TOKEN.findall(text)]


def content_terms(text: str) -> list[str]:
    """The stemmed, spelling-folded tokens of ``text`` that are not stop words, in order."""
    return [_stem(t) for t in tokens(text) if t not in _STOP]


def numbers(text: str) -> list[str]:
    """The numbers written in ``text`` as digits, without thousands separators."""
    return [n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)]


def overlap(part: set[str], whole: set[str]) -> float:
    """How much of ``part`` is in ``whole`` (1.0 when ``part`` is empty)."""
    return len(part & whole) / len(part) if part else 1.0


def person_name(text: str) -> str | None:
    """The first name of a person (two or three capitalised words, not an institution) in ``text``.

    Titles in front are dropped:

    >>> person_name("Russia’s UN Ambassador Vassily Nebenzia again denied it"), person_name("the Middle East")
    ('Vassily Nebenzia', None)
    """
    for match in _CAPITALISED_RUN.finditer(text):
        words = match[0].split()
        while words and _INSTITUTION.fullmatch(words[0]):
            words.pop(0)
        if 2 <= len(words) <= 3 and not any(_INSTITUTION.fullmatch(w) for w in words):
            return " ".join(words)
    return None


@functools.lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    if len(token) > 5:
        for pattern, replacement in _SPELLING:
            token = pattern.sub(replacement, token)
    return _stemmer().stemWord(token)


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")
