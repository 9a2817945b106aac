"""Sensitive-word matching on normalised text, robust to width, case, script and filler symbols."""

from __future__ import annotations

import importlib.resources
import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: Unicode general categories that survive normalisation: letters and numbers. Everything
#: else (spaces, punctuation, symbols and emoji, marks, zero-width and other format
#: characters) is what people insert between the characters of a word to dodge a filter.
_KEPT_CATEGORIES = frozenset("LN")


@cache
def _traditional_to_simplified() -> dict[str, str]:
    """One-character traditional → simplified table, built once from zhconv's dictionary.

    zhconv converts by longest phrase match, which can change a text's length; matching
    needs offsets that survive, so only its one-to-one character entries are used.
    """
    resource = importlib.resources.files("zhconv").joinpath("zhcdict.json")
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for section in ("zh2Hans", "zh2CN"):
        for source, target in data[section].items():
            if len(source) == 1 and len(target) == 1 and source != target:
                table[source] = target
    # Resolve chains (a → b, b → c) so that one lookup is always enough.
    for source, target in table.items():
        final, seen = target, {source}
        while final in table and final not in seen:
            seen.add(final)
            final = table[final]
        table[source] = final
    return table


#: Folded form of every character seen so far; bounded by the number of code points.
_FOLDED: dict[str, str] = {}


def _fold(char: str) -> str:
    """Fold one original character to zero or more normalised characters."""
    folded = _FOLDED.get(char)
    if folded is not None:
        return folded
    table = _traditional_to_simplified()
    parts: list[str] = []
    for piece in unicodedata.normalize("NFKC", char).casefold():
        if unicodedata.category(piece)[0] in _KEPT_CATEGORIES:
            parts.append(table.get(piece, piece))
    folded = "".join(parts)
    _FOLDED[char] = folded
    return folded


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` for matching and map each normalised character back to the original.

    Full-width forms become half-width (NFKC), letters are case-folded, traditional
    characters become simplified (character by character), and every character that is
    not a letter or a number is dropped: spaces, punctuation, symbols, emoji and
    zero-width characters.

    Returns:
        The normalised text and, for each of its characters, the index in ``text`` of the
        character it came from (one original character can yield several, e.g. ``㎏``).
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _FOLDED.get(char)
        if folded is None:
            folded = _fold(char)
        if not folded:
            continue
        chars.append(folded)
        if len(folded) == 1:
            origin.append(index)
        else:
            origin.extend([index] * len(folded))
    return "".join(chars), origin


def parse_word_list(text: str) -> list[str]:
    """Return the words of a word-list text: one a line, ``#`` starts a comment.

    Blank lines and comments are skipped; surrounding whitespace is stripped. Duplicates
    are kept here (:class:`SensitiveWords` folds them).
    """
    words: list[str] = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed word found in a text; ``start``/``end`` index the original text.

    The span runs from the word's first to its last character, so it covers any symbols
    or spaces inserted in between.
    """

    word: str
    start: int
    end: int


class _Node:
    """A trie node: children by normalised character, and the word that ends here."""

    __slots__ = ("children", "word")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.word: str | None = None


def _is_latin(normalised: str) -> bool:
    return normalised.isascii() and normalised.isalnum()


class SensitiveWords:
    """A list of sensitive words, matched against normalised text.

    Words are normalised like the text (:func:`normalise`), so ``賭博``, ``赌 博``,
    ``赌*博`` and 赌 + zero-width space + 博 all match the listed word ``赌博``, and ``F.U.C.K``
    matches ``fuck``. A word made of Latin letters and digits only must not touch
    another Latin letter or digit in the original text, so ``ass`` does not match
    inside ``class``. Matching is leftmost-longest and never overlaps.
    """

    def __init__(self, words: Iterable[str]) -> None:
        """Build the matcher; blank words and duplicates after normalisation are skipped."""
        self._root = _Node()
        self._words: list[str] = []
        self._latin: set[str] = set()
        for word in words:
            key, _ = normalise(word)
            if not key:
                continue
            node = self._root
            for char in key:
                child = node.children.get(char)
                if child is None:
                    child = node.children[char] = _Node()
                node = child
            if node.word is not None:
                continue  # the same word after normalisation: keep the first spelling
            node.word = word.strip()
            self._words.append(node.word)
            if _is_latin(key):
                self._latin.add(node.word)

    @classmethod
    def from_text(cls, text: str) -> SensitiveWords:
        """Build from a word-list text (see :func:`parse_word_list`)."""
        return cls(parse_word_list(text))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> SensitiveWords:
        """Build from a UTF-8 word-list file (a BOM is tolerated)."""
        return cls.from_text(Path(path).read_text(encoding="utf-8-sig"))

    @property
    def words(self) -> tuple[str, ...]:
        """The distinct words, as first spelled in the list."""
        return tuple(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def matches(self, text: str) -> tuple[Hit, ...]:
        """Find the listed words in ``text``: leftmost-longest, non-overlapping, in order."""
        normalised, origin = normalise(text)
        root_children = self._root.children
        hits: list[Hit] = []
        size = len(normalised)
        position = 0
        while position < size:
            node = root_children.get(normalised[position])
            if node is None:
                position += 1
                continue
            ends: list[tuple[int, str]] = []  # (end in normalised text, word), shortest first
            cursor = position + 1
            while True:
                if node.word is not None:
                    ends.append((cursor, node.word))
                if cursor >= size:
                    break
                child = node.children.get(normalised[cursor])
                if child is None:
                    break
                node = child
                cursor += 1
            match = self._longest_acceptable(text, origin, position, ends)
            if match is None:
                position += 1
                continue
            end, word = match
            hits.append(Hit(word, origin[position], origin[end - 1] + 1))
            position = end
        return tuple(hits)

    def _longest_acceptable(
        self, text: str, origin: list[int], start: int, ends: list[tuple[int, str]]
    ) -> tuple[int, str] | None:
        for end, word in reversed(ends):
            if word not in self._latin:
                return end, word
            first, last = origin[start], origin[end - 1]
            before = _fold(text[first - 1]) if first > 0 else ""
            after = _fold(text[last + 1]) if last + 1 < len(text) else ""
            if not (before and _is_latin(before[-1])) and not (after and _is_latin(after[0])):
                return end, word
        return None
