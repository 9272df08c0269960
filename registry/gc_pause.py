"""Pausing Python's cyclic garbage collector around bulk work.

A large CWR file, or a distribution run's payout lines and statements, becomes millions of small
objects that live until the work ends and form no reference cycles. With the collector on, every
full collection rescans all of them, and more of them each time: a tenth of a 100,000-work
import, growing with the file, and two thirds of building a run's statements. Objects without
cycles are freed by reference counting all the same; only cycles made meanwhile wait for the
collector, which runs again as usual once the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; restore its previous state after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
