"""Text keys for matching titles and names: two spellings of one title give one key.

The keys serve duplicate detection and matching; they are never shown nor stored as the
title itself. :func:`normalise_title` does, in order:

1. Deletes apostrophes (ASCII ', ’, ‘, ʼ, the full-width ones, the grave and acute accents
   and the prime as people type them): they join the parts of one word, so "Don't" and
   "Dont" both give ``dont``.
2. Unicode NFKC, which also folds full-width forms to ASCII (``ＭＯＯＮ`` to ``MOON``, the
   ideographic space to a space, ``（`` to ``(``) and ligatures, circled and super-script
   digits to plain ones; then ``casefold`` (a stronger ``lower``: ``ß`` to ``ss``), then NFKC
   again.
3. Turns every other punctuation or symbol character (Unicode categories P* and S*) and every
   control character into a space; deletes format characters (category Cf: zero-width
   joiners, soft hyphens, byte-order marks). A space, not nothing, because such a character
   often stands between words: "小幸运（Live）" and "小幸运 (Live)" must give the same key.
4. Collapses runs of white space to one space, strips both ends.
5. Deletes a space between two CJK ideographs or kana (Han, Hiragana, Katakana, Bopomofo),
   scripts that do not separate words by spaces: "月亮 代表 我的心" is "月亮代表我的心".
   Hangul is left alone: Korean separates words by spaces.

Decided and not done:

* Accents are kept: "Café" gives ``café``, not ``cafe``; a different letter may make a
  different word (and NFKC composes "Cafe" + a combining accent into the same ``café``).
* Traditional and Simplified Chinese are not converted (that needs a dictionary and is
  ambiguous one way): "小幸運" and "小幸运" give different keys.
* No words are dropped or rewritten: "&" becomes a space, not "and"; "feat." stays.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key", "normalise_name", "normalise_title"]

_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\uff07`\uff40\u00b4\u2032"))

_CJK = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, extension A, compatibility
    "\U00020000-\U0003134f"  # CJK ideographs, extensions B to G
)
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def _character(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category[0] in "PS" or category == "Cc":
        return " "
    return char


# Steps 1 to 4 for plain ASCII text, in one table: NFKC changes no ASCII character, casefold is
# lower, no ASCII character is a format character or CJK. Built from _character itself, so the
# two ways cannot disagree; most titles of a CWR file take this one.
_ASCII_STEPS = {
    code: "" if code in _APOSTROPHES else _character(chr(code))
    for code in range(128)
    if code in _APOSTROPHES or _character(chr(code)) != chr(code)
}


def normalise_title(text: str) -> str:
    """The matching key of a work or recording title (see the module doc)."""
    if not isinstance(text, str):
        raise TypeError(f"a title must be a string, got {type(text).__name__}")
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_STEPS).split())
    return _unicode_title_key(text)


def _unicode_title_key(text: str) -> str:
    """normalise_title of any text, step by step."""
    # Apostrophes go before NFKC (which turns the acute accent into a space and a combining
    # mark) and after it (which turns the full-width ones into ASCII ones).
    folded = unicodedata.normalize("NFKC", text.translate(_APOSTROPHES)).translate(_APOSTROPHES)
    folded = unicodedata.normalize("NFKC", folded.casefold())
    spaced = "".join(_character(char) for char in folded)
    collapsed = " ".join(spaced.split())
    return _SPACE_BETWEEN_CJK.sub("", collapsed)


def normalise_name(text: str) -> str:
    """The matching key of a writer's, performer's or publisher's name, in its written order.

    The same rules as :func:`normalise_title`; kept apart so that the two can diverge. "Smith,
    John" gives ``smith john``: use :func:`name_key` to ignore the order."""
    if not isinstance(text, str):
        raise TypeError(f"a name must be a string, got {type(text).__name__}")
    return normalise_title(text)


def name_key(text: str) -> str:
    """The order-free key of a name: the words of :func:`normalise_name`, sorted.

    "Smith, John", "SMITH JOHN" and "John Smith" all give ``john smith``. The price: names
    that differ only in the order of their words ("Elton John", "John Elton") share a key,
    so the key finds candidates and a person confirms."""
    # Sorting may bring two CJK words together: join them as normalise_name would.
    return _SPACE_BETWEEN_CJK.sub("", " ".join(sorted(normalise_name(text).split())))
