"""Deterministic ways to damage a file: truncation, flipped and inserted bytes, dropped and
doubled lines, foreign encodings, oversized lines. Each mutation is named, for test ids."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

Mutation = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    junk = bytes(rng.choice(b'\x00\x1a\t,"|\\\r\n\xff\xfeABC0123 ') for _ in range(rng.randrange(1, 8)))
    return data[:at] + junk + data[at:]


def drop_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def double_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    return b"".join([*lines[: at + 1], lines[at], *lines[at + 1 :]])


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def cut_line(data: bytes, rng: random.Random) -> bytes:
    """One line loses its tail: a record cut short."""
    lines = data.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    line = lines[at].rstrip(b"\r\n")
    lines[at] = line[: rng.randrange(0, max(1, len(line)))] + b"\n"
    return b"".join(lines)


def huge_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    lines.insert(at, rng.choice([b"A", b"\xe6\x9c\x88", b"\t", b","]) * 2_000_000 + b"\n")
    return b"".join(lines)


def utf16(data: bytes, rng: random.Random) -> bytes:
    return data.decode("latin-1").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))


def latin1_bytes(data: bytes, rng: random.Random) -> bytes:
    """Characters a legacy system wrote in Latin-1 or GBK, not UTF-8."""
    at = rng.randrange(len(data))
    return data[:at] + rng.choice(["é".encode("latin-1"), "月亮".encode("gbk")]) + data[at:]


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        truncate,
        flip_byte,
        insert_bytes,
        drop_line,
        double_line,
        swap_lines,
        cut_line,
        huge_line,
        utf16,
        latin1_bytes,
    )
}


def damaged(data: bytes, runs: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """`runs` damaged copies of `data`, cycling through the mutations (1 to 3 applied each)."""
    rng = random.Random(seed)
    names = sorted(MUTATIONS)
    for n in range(runs):
        first = names[n % len(names)]
        chosen = [first, *(rng.choice(names) for _ in range(rng.randrange(0, 3)))]
        out = data
        for name in chosen:
            if name == "huge_line" and len(out) > 1_000_000:
                continue
            out = MUTATIONS[name](out, rng) or b"x"
        yield "+".join(chosen), out
