"""generate_cwr makes valid files: they parse with every transaction accepted and valid identifiers."""

from __future__ import annotations

import pytest

from registry.cwr import parse_cwr
from registry.cwr.generate import generate_cwr
from registry.identifiers import ipi_base_valid, ipi_name_valid, isrc_valid, iswc_valid
from tests.registry.cwr import lines_of


@pytest.mark.parametrize("version", ["2.1", "2.2"])
def test_generated_file_parses_with_every_work_accepted(version: str) -> None:
    data = generate_cwr(60, seed=5, version=version)
    cwr = parse_cwr(data, name=f"generated.V{version.replace('.', '')}")
    assert cwr.version == version
    assert len(cwr.transactions) == len(cwr.accepted) == 60
    assert not cwr.issues
    assert not [issue for t in cwr.transactions for issue in t.issues]
    (group,) = cwr.groups
    assert group.stated_transactions == group.counted_transactions == 60
    assert cwr.record_count == len(lines_of(data))
    assert {t.work.submitter_work_id for t in cwr.transactions} == {f"RL{n:09d}" for n in range(60)}
    # Every third work is co-published with a non-controlled publisher and writer.
    assert any(not p.controlled for t in cwr.transactions for p in t.work.publishers)
    assert any(not w.controlled for t in cwr.transactions for w in t.work.writers)
    assert all(t.work.recordings and t.work.writers and t.work.publishers for t in cwr.transactions)
    if version == "2.2":
        assert all(t.work.cross_refs for t in cwr.transactions)
        assert all(
            link.chain is not None
            for t in cwr.transactions
            for w in t.work.writers
            for link in w.publisher_links
        )


def test_generated_identifiers_are_valid() -> None:
    cwr = parse_cwr(generate_cwr(40, seed=9))
    works = [t.work for t in cwr.transactions]
    assert all(w.iswc is not None and iswc_valid(w.iswc) for w in works)
    assert len({w.iswc for w in works}) == 40
    writers = [writer for w in works for writer in w.writers]
    assert all(x.ipi_name is not None and ipi_name_valid(x.ipi_name) for x in writers)
    assert all(x.ipi_base is not None and ipi_base_valid(x.ipi_base) for x in writers)
    assert all(p.ipi_name is not None and ipi_name_valid(p.ipi_name) for w in works for p in w.publishers)
    recordings = [r for w in works for r in w.recordings]
    assert all(r.isrc is not None and isrc_valid(r.isrc) for r in recordings)
    assert all(r.ean is not None for r in recordings)


def test_generated_shares_add_up_per_right() -> None:
    for tx in parse_cwr(generate_cwr(30, seed=3)).transactions:
        work = tx.work
        for right in ("pr", "mr", "sr"):
            total = sum(getattr(p, f"{right}_share") for p in (*work.writers, *work.publishers))
            assert total == 10000


def test_generation_is_deterministic() -> None:
    assert generate_cwr(25, seed=1) == generate_cwr(25, seed=1)
    assert generate_cwr(25, seed=1) != generate_cwr(25, seed=2)
    assert generate_cwr(25, seed=1, version="2.1") != generate_cwr(25, seed=1, version="2.2")


def test_empty_file() -> None:
    cwr = parse_cwr(generate_cwr(0, seed=0))
    assert cwr.transactions == () and cwr.record_count == 4


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match=r"2\.1 or 2\.2"):
        generate_cwr(1, seed=0, version="3.0")
    with pytest.raises(ValueError, match="n_works"):
        generate_cwr(-1, seed=0)
