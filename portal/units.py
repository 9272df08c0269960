"""Amounts in words people read: wei as the chain's unit (ETH on Ethereum and the development
chains), exact to the last wei, and yuan as people type them, read to the fen; never a float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

WEI_PER_ETHER = 10**18


def ether(wei: int | str, unit: str = "ETH") -> str:
    """1234500000000000 wei -> "0.0012345 ETH"; every digit kept, trailing zeros dropped."""
    amount = int(wei)
    sign = "-" if amount < 0 else ""
    whole, fraction = divmod(abs(amount), WEI_PER_ETHER)
    digits = f"{fraction:018d}".rstrip("0")
    return f"{sign}{whole:,}{'.' + digits if digits else ''} {unit}"


def gwei(wei: int | str) -> str:
    """A gas price: 1500000000 wei -> "1.5 gwei"."""
    amount = int(wei)
    whole, fraction = divmod(amount, 10**9)
    digits = f"{fraction:09d}".rstrip("0")
    return f"{whole:,}{'.' + digits if digits else ''} gwei"


def typed_fen(text: str) -> int | None:
    """Yuan as a person types it ("1,234.50") in fen; None when it is not an amount of 0 or more
    with at most two decimals. Decimal all the way: no float."""
    try:
        amount = Decimal(text.strip().replace(",", ""))
        if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
            return None
    except InvalidOperation:  # not a number, or too large to have cents
        return None
    return int(amount.scaleb(2))
