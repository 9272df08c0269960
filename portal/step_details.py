"""A verification step's detail in the reader's language. The verifier (ledger/, anchor/) states
what it found in English sentences with values in them (hashes, sizes, indexes); each sentence it
can say is matched here by a pattern and said again with the same values in the reader's words.
A sentence no pattern knows is shown as the verifier wrote it, marked as its own words."""

from __future__ import annotations

import re

from portal.enums import word
from portal.i18n import translate

HEX = r"[0-9a-f]+"
NUMBER = r"\d+"
ADDRESS = r"0x[0-9a-fA-F]+"
# (key of the words, the verifier's sentence as a pattern naming each value)
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "detail.leaf_hash.ok",
        rf"(?P<hash>{HEX}) = SHA-256\(0x00 \|\| canonical entry (?P<kind>\S+) (?P<id>\S+) "
        rf"v(?P<version>{NUMBER})\), computed from the entry in the file",
    ),
    (
        "detail.leaf_hash.altered",
        rf"the entry hashes to (?P<computed>{HEX}) but the file states (?P<stated>{HEX}): "
        r"the entry was altered",
    ),
    (
        "detail.leaf_hash.withheld",
        rf"content withheld: only the fingerprint (?P<hash>{HEX}) is given, so no entry was checked "
        r"\(inclusion says whether the log holds it\)",
    ),
    (
        "detail.inclusion.ok",
        rf"leaf (?P<index>{NUMBER}) is in the tree of (?P<size>{NUMBER}) with root (?P<root>{HEX})",
    ),
    (
        "detail.inclusion.root",
        rf"inclusion proof gives root (?P<computed>{HEX}), the checkpoint says (?P<stated>{HEX})",
    ),
    (
        "detail.inclusion.outside",
        rf"leaf index (?P<index>{NUMBER}) is outside a tree of size (?P<size>{NUMBER})",
    ),
    (
        "detail.signature.ok",
        rf"checkpoint of (?P<origin>'[^']*') at size (?P<size>{NUMBER}) is signed by a trusted log key",
    ),
    ("detail.signature.origin", r"checkpoint is from log (?P<origin>'[^']*'), not (?P<pinned>'[^']*')"),
    ("detail.signature.untrusted", r"no signature from a trusted key \(trusted: (?P<trusted>[^)]*)\)"),
    ("detail.signature.bad", r"signature by (?P<name>\S+) \((?P<key_id>[0-9a-f]+)\) does not verify"),
    ("detail.signature.no_identity", r"no trusted log identity: no verifier key of the log is pinned"),
    ("detail.checkpoint.unreadable", r"the checkpoint note cannot be read: (?P<error>.+)"),
    ("detail.no_checkpoint", r"there is no readable checkpoint to check against"),
    (
        "detail.on_chain.ok",
        rf"checkpoint (?P<index>{NUMBER}) of contract (?P<contract>{ADDRESS}) on chain id "
        rf"(?P<chain>{NUMBER}) has the same size, root and note hash",
    ),
    (
        "detail.on_chain.found_ok",
        rf"checkpoint (?P<index>{NUMBER}) of contract (?P<contract>{ADDRESS}) found by tree size on chain id "
        rf"(?P<chain>{NUMBER}) has the same size, root and note hash",
    ),
    ("detail.on_chain.differs", rf"checkpoint (?P<index>{NUMBER}) on chain differs: (?P<differences>.+)"),
    ("detail.contract.ok", r"the contract's verifyInclusion agrees"),
    ("detail.contract.rejects", r"the contract's verifyInclusion rejects the inclusion proof"),
    ("detail.tx.none", r"the proof names no anchor transaction \(found by tree size\)"),
    (
        "detail.tx.ok",
        rf"transaction (?P<tx>{ADDRESS}) in block (?P<block>{NUMBER}) "
        rf"called contract (?P<contract>{ADDRESS}) and emitted CheckpointAnchored "
        rf"for checkpoint (?P<index>{NUMBER}) \(size (?P<size>{NUMBER}), root (?P<root>{HEX})\)",
    ),
    (
        "detail.tx.missing",
        rf"there is no transaction (?P<tx>\S+) on chain id (?P<chain>{NUMBER})(?: \(\w+\))?",
    ),
    ("detail.tx.failed", r"transaction (?P<tx>\S+) failed on chain"),
    ("detail.expected.ok", rf"the proof is about the entry expected \(leaf hash (?P<hash>{HEX})\)"),
    (
        "detail.expected.other",
        rf"the proof is about another entry: its leaf hash is (?P<actual>{HEX}), expected (?P<expected>\S+)",
    ),
    ("detail.chain.unreadable", r"the chain cannot be read: (?P<error>.+)"),
    ("detail.chain.unreadable_short", r"the chain cannot be read"),
    ("detail.chain.off", r"the on-chain steps were turned off"),
    ("detail.chain.none", r"no chain was given"),
    ("detail.chain.no_contract", r"the portal has no pinned contract \(RIGHTS_PORTAL_CONTRACT_ADDRESS\)"),
)
_COMPILED = tuple((key, re.compile(pattern, re.DOTALL)) for key, pattern in PATTERNS)


def detail_words(detail: str, lang: str) -> str:
    """`detail` (the verifier's sentence) in `lang`; values (hashes, sizes, errors) kept as they are."""
    for key, pattern in _COMPILED:
        found = pattern.fullmatch(detail.strip())
        if found is not None:
            values = found.groupdict()
            if "kind" in values and lang != "en":  # an entry's kind in words; English keeps the name
                values["kind"] = word("kind", values["kind"], lang)
            return translate(key, lang, **values)
    return translate("detail.untranslated", lang, text=detail)
