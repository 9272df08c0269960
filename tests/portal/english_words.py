"""The English words a text shows, for the tests that want none on a Chinese page: words of Latin
letters that are not identifiers, codes, units or names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A chunk with one of these is an identifier, a code, a hash, a number, an address or a file name.
# Also camelCase (verifyInclusion) and long hex (a hash that happens to have no digit).
IDENTIFIER = re.compile(r"[0-9/@.=|+#\\]|[a-z][A-Z]|^[0-9a-fA-F]{16,}$")
CHUNK_EDGES = "()[]{}<>,;:!?\"'“”‘’«»…*`"
# Words allowed on a Chinese page: brand and proper names, units, the language's own name.
ALLOWED = {
    "RightsLedger",  # the product
    "Rekor",  # Sigstore's transparency log, named as crt.sh is
    "Excel",  # the spreadsheet a download is made for
    "English",  # the language switch offers English by its own name
    "Merkle",  # a proper name (Merkle tree), as "SHA" or "Ed25519" are
    "gas",  # the chain's unit of work, as the chain calls it
    "wei",
    "gwei",
    "zip",  # a file format, as PDF and CSV
}


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The words of `text` a Chinese reader would see as English (in order, repeated as found)."""
    allow = ALLOWED | set(allowed)
    found = []
    for chunk in re.split(r"[^\x21-\x7e]+", text):  # CJK text and spaces separate chunks
        chunk = chunk.strip(CHUNK_EDGES)
        if not chunk or IDENTIFIER.search(chunk):
            continue
        for word in re.findall(r"[A-Za-z]+", chunk):  # snake_case is words too: duration_seconds
            if len(word) < 2 or word.isupper() or word in allow:  # acronyms and codes: ISRC, CNY, KTV
                continue
            found.append(word)
    return found
