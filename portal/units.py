"""Chain amounts in words people read: wei as the chain's unit (ETH on Ethereum and the
development chains), exact to the last wei, never through a float."""

from __future__ import annotations

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
