"""C2SP signed notes, checked byte for byte against the Go reference (golang.org/x/mod/sumdb/note)."""

import pytest

from ledger.errors import NoteError
from ledger.note import Signer, Verifier, generate_key, open_note, sign_note, verify_note

GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
)
GO_SIG = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
GO_NOTE = GO_TEXT + "\n— PeterNeumann " + GO_SIG + "\n"


def test_reference_key_and_signature_byte_for_byte() -> None:
    signer = Signer.from_skey(GO_SKEY)
    assert signer.verifier().vkey == GO_VKEY
    assert signer.skey == GO_SKEY
    assert sign_note(GO_TEXT, signer) == GO_NOTE
    assert verify_note(GO_NOTE, [GO_VKEY]) == GO_TEXT


def test_generated_keys_round_trip() -> None:
    skey, vkey = generate_key("cmo.example/log")
    assert Verifier.from_vkey(vkey) == Signer.from_skey(skey).verifier()
    note = sign_note("hello\n", Signer.from_skey(skey))
    assert verify_note(note, [vkey]) == "hello\n"


def test_unknown_signatures_are_ignored_but_a_trusted_one_is_required() -> None:
    log, witness = Signer.generate("log.example"), Signer.generate("witness.example")
    note = sign_note("body\n", [witness, log])
    assert verify_note(note, [log.verifier()]) == "body\n"
    with pytest.raises(NoteError, match="no signature from a trusted key"):
        verify_note(note, [Signer.generate("log.example").verifier()])


def test_a_bad_signature_from_a_known_key_fails() -> None:
    log = Signer.generate("log.example")
    note = sign_note("size 5\n", log)
    with pytest.raises(NoteError, match="does not verify"):
        verify_note(note.replace("size 5", "size 6"), [log.verifier()])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no blank line\n— x AAAAAAA=\n", "no blank line"),
        ("body\n\nnot a signature\n", "does not start"),
        ("body\n\n— x AAAA\n", "too short"),
        ("body\n\n— x !!!!\n", "base64"),
        ("body\n\n— x AAAAAAA=", "end with a newline"),
        ("bo\x07dy\n\n— x AAAAAAA=\n", "control characters"),
    ],
)
def test_malformed_notes_are_named(text: str, message: str) -> None:
    with pytest.raises(NoteError, match=message):
        open_note(text)


def test_signing_refuses_text_without_final_newline() -> None:
    with pytest.raises(NoteError, match="newline"):
        sign_note("body", Signer.generate("x"))


@pytest.mark.parametrize(
    "vkey",
    [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong key id
        "PeterNeumann+c74f20a3+AhpjZ2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong algorithm
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # space in name
        "PeterNeumann+c74f20a3",
    ],
)
def test_bad_verifier_keys_are_refused(vkey: str) -> None:
    with pytest.raises(NoteError):
        Verifier.from_vkey(vkey)


def test_signer_repr_does_not_leak_the_seed() -> None:
    signer = Signer.from_skey(GO_SKEY)
    assert "AYEKFALV" not in repr(signer) and GO_SKEY.split("+")[-1] not in repr(signer)
