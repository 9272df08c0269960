import base64

import pytest

from ledger.checkpoint import Checkpoint, note_hash
from ledger.errors import CheckpointError


def test_body_round_trip_with_extensions() -> None:
    cp = Checkpoint("cmo.example/log", 20852163, bytes(range(32)), ("anchor 31337",))
    body = cp.body()
    assert body == f"cmo.example/log\n20852163\n{base64.b64encode(bytes(range(32))).decode()}\nanchor 31337\n"
    assert Checkpoint.parse(body) == cp


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("log\n5\n", "needs origin"),
        ("log\n05\n" + base64.b64encode(b"x" * 32).decode() + "\n", "leading zeros"),
        ("log\n5\n" + base64.b64encode(b"x" * 31).decode() + "\n", "31 bytes"),
        ("log\n5\nnot-base64!\n", "base64"),
        ("log\n5\n" + base64.b64encode(b"x" * 32).decode(), "newline"),
        ("\n5\n" + base64.b64encode(b"x" * 32).decode() + "\n", "origin"),
    ],
)
def test_malformed_bodies_are_named(body: str, message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        Checkpoint.parse(body)


def test_note_hash_commits_to_signatures_too() -> None:
    assert note_hash("a\n\n— k AAAAAAA=\n") != note_hash("a\n\n— k AAAAAAB=\n")
    assert len(note_hash("a\n")) == 32
