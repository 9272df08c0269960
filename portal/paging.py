"""Pages of a public list, as a reader moves through them and shares them: which rows a page
holds ("51–62 of 62"), and the page and page size read from the URL (bounded: a hand-edited
link never asks the API for more than a page, nor for a page before the first)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.i18n import translate

SIZES = (10, 25, 50, 100)
DEFAULT_SIZE = 50
MAX_PAGE = 10**9


@dataclass(frozen=True)
class PageOf:
    """Page `number` (from 1) of `size` rows of a list of `total`."""

    number: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.offset + self.size, self.total)

    def words(self, lang: str) -> str:
        """'1–50 of 62' (第 1–50 条，共 62 条); '0 of 0' for nothing."""
        if self.total == 0:
            return translate("pager.none", lang)
        return translate(
            "pager.range", lang, first=f"{self.first:,}", last=f"{self.last:,}", total=f"{self.total:,}"
        )


def whole(value: str | None, default: int, low: int, high: int) -> int:
    """A whole number from the URL, or `default` when missing or not one; kept within bounds."""
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return default
    return max(low, min(high, int(text)))


def page_from(params: Mapping[str, str]) -> tuple[int, int]:
    """(page number, page size) from the URL's `page` and `size`; sizes other than SIZES fall
    back to the default."""
    size = whole(params.get("size"), DEFAULT_SIZE, 1, max(SIZES))
    if size not in SIZES:
        size = DEFAULT_SIZE
    return whole(params.get("page"), 1, 1, MAX_PAGE), size
