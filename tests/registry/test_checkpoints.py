"""Checkpoints are kept by tree size, and only for roots the log really has."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger.errors import StoreError
from ledger.store import tree_root
from registry.checkpoints import checkpoint_at, latest_checkpoint, list_checkpoints, save_checkpoint
from registry.errors import CheckpointMismatch
from registry.ledger_writer import integrate_pending
from registry.log_store import SqlLogStore
from tests.registry.helpers import record_works


def _note(size: int) -> tuple[str, bytes]:
    note = f"rightsledger.example/log\n{size}\nroot\n\n— signature\n"
    return note, hashlib.sha256(note.encode()).digest()


def test_save_and_find(session: Session) -> None:
    assert latest_checkpoint(session) is None and list_checkpoints(session) == []
    record_works(session, 9)
    integrate_pending(session)
    store = SqlLogStore(session)
    for size in (5, 9, 2):
        note, digest = _note(size)
        saved = save_checkpoint(session, size, tree_root(store, size), note, digest)
        assert saved.id is not None
    latest = latest_checkpoint(session)
    assert latest is not None
    assert (latest.tree_size, bytes(latest.root)) == (9, tree_root(store, 9))
    assert [c.tree_size for c in list_checkpoints(session)] == [2, 5, 9]
    at_five = checkpoint_at(session, 5)
    assert at_five is not None
    assert (at_five.note, bytes(at_five.note_hash)) == _note(5)
    assert at_five.created_at is not None
    assert checkpoint_at(session, 4) is None


def test_a_root_the_log_does_not_have_is_refused(session: Session) -> None:
    record_works(session, 3)
    integrate_pending(session)
    with pytest.raises(CheckpointMismatch, match="size 3"):
        save_checkpoint(session, 3, b"\x00" * 32, *_note(3))
    with pytest.raises(StoreError, match="beyond"):
        save_checkpoint(session, 4, b"\x00" * 32, *_note(4))
    assert list_checkpoints(session) == []


def test_one_checkpoint_per_tree_size(session: Session) -> None:
    record_works(session, 2)
    integrate_pending(session)
    root = tree_root(SqlLogStore(session), 2)
    save_checkpoint(session, 2, root, *_note(2))
    with pytest.raises(IntegrityError):
        save_checkpoint(session, 2, root, *_note(2))
