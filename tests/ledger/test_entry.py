"""Entry envelopes: versions, salts for private kinds, strict parsing."""

import hashlib
import json

import pytest

from ledger import (
    Checkpoint,
    ProofFile,
    Signer,
    VerificationPolicy,
    dump_rlproof,
    make_entry,
    parse_entry,
    sign_note,
    verify_proof,
)
from ledger.canonical import canonical_bytes
from ledger.errors import CanonicalError, EntryError
from ledger.kinds import KINDS
from ledger.proof_formats import read_rlproof


def test_public_entry_has_no_salt_and_its_leaf_hash_is_over_canonical_bytes() -> None:
    entry = make_entry("work", "W-1", {"title": "月亮代表我的心", "iswc": "T0345246801"})
    assert entry.salt is None and not entry.private
    raw = entry.canonical()
    assert raw == canonical_bytes(entry.to_dict())
    assert entry.leaf_hash() == hashlib.sha256(b"\x00" + raw).digest()
    assert json.loads(raw)["kind"] == "work"


def test_private_entries_get_fresh_128_bit_salts() -> None:
    a = make_entry("member", "M-1", {"name": "Li"}, at="2026-01-01T00:00:00Z")
    b = make_entry("member", "M-1", {"name": "Li"}, at="2026-01-01T00:00:00Z")
    assert a.private and len(a.salt or "") == 32
    assert a.salt != b.salt and a.leaf_hash() != b.leaf_hash()  # the hash reveals nothing


def test_versions_chain_through_prev() -> None:
    v1 = make_entry("license", "L-1", {"status": "active"})
    v2 = make_entry("license", "L-1", {"status": "suspended"}, version=2, prev=v1.leaf_hash().hex())
    assert v2.prev == v1.leaf_hash().hex()
    with pytest.raises(EntryError, match="version 2 needs prev"):
        make_entry("license", "L-1", {}, version=2)
    with pytest.raises(EntryError, match="version 1 must have prev null"):
        make_entry("license", "L-1", {}, prev=v1.leaf_hash().hex())


def test_parse_round_trip_and_canonical_form_is_required() -> None:
    entry = make_entry("distribution_line", "D-2026-01-M1-W1", {"amount": 12345, "currency": "CNY"})
    assert parse_entry(entry.canonical()) == entry
    assert parse_entry(entry.to_dict()).leaf_hash() == entry.leaf_hash()
    pretty = json.dumps(entry.to_dict(), indent=1).encode()
    with pytest.raises(EntryError, match="canonical"):
        parse_entry(pretty)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "payslip"}, "unknown entry kind"),
        ({"schema": 9}, "schema"),
        ({"id": ""}, "id must be"),
        ({"version": 0}, "version must be"),
        ({"at": "2026-01-01 00:00:00"}, "RFC 3339"),
        ({"body": []}, "body must be an object"),
        ({"salt": "00" * 16}, "must not carry a salt"),
        ({"extra": 1}, "unknown entry field"),
    ],
)
def test_malformed_envelopes_are_named(change: dict, message: str) -> None:
    good = make_entry("work", "W-1", {"title": "x"}).to_dict()
    with pytest.raises(EntryError, match=message):
        parse_entry({**good, **change})


def test_private_entry_without_salt_is_refused() -> None:
    raw = make_entry("member", "M-1", {"name": "x"}).to_dict()
    del raw["salt"]
    with pytest.raises(EntryError, match="salt"):
        parse_entry(raw)


def test_floats_are_refused_in_bodies_and_in_bytes() -> None:
    with pytest.raises(CanonicalError, match="float"):
        make_entry("distribution_summary", "S-1", {"total": 10.5})
    raw = make_entry("work", "W-1", {"n": 1}).canonical().replace(b'"n":1', b'"n":1.0')
    with pytest.raises(CanonicalError, match="float"):
        parse_entry(raw)


def test_every_kind_declares_privacy() -> None:
    private = {name for name, k in KINDS.items() if k.private}
    assert private == {
        "member",
        "contract",
        "distribution_line",
        "invoice",
        "payment",
        "api_user",
        "licensee",
        "usage_claim",
        "duplicate_candidate",
        "cwr_file",
        "distribution_proposal",
        "submission",
        "reminder",
    }


@pytest.mark.parametrize(
    "at",
    ["２０２６-01-31T08:00:00Z", "2026-13-45T99:99:99Z", "2026-02-30T00:00:00Z", "2026-01-31T08:00:00+08:00"],
)
def test_at_has_one_spelling_and_is_a_real_time(at: str) -> None:
    with pytest.raises(EntryError, match="RFC 3339"):
        make_entry("work", "W-1", {}, at=at)


def test_proof_json_writes_what_was_hashed_even_if_the_body_is_changed_later() -> None:
    body = {"writers": [{"ipi": "1"}]}
    entry = make_entry("work", "W-1", body)
    body["writers"].append({"ipi": "2"})  # the caller mutates its own dict afterwards
    signer = Signer.generate("x.example/log")
    note = sign_note(Checkpoint("x.example/log", 1, entry.leaf_hash()).body(), signer)
    proof = read_rlproof(dump_rlproof(ProofFile(0, (), note, entry=entry)))
    assert verify_proof(proof, VerificationPolicy((signer.verifier(),), require_chain=False)).ok
