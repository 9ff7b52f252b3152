"""Questions about a corpus of news articles, answered with cited passages.

>>> from qa import Retriever, Assistant   # doctest: +SKIP
"""

from index.settings import Settings
from qa.passages import Passage
from qa.retriever import QuestionError, Retriever

__all__ = ["Passage", "QuestionError", "Retriever", "Settings"]
