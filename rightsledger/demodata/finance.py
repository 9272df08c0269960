"""Demo: the society's bank statement for the month, as its bank exports it (GB18030, Chinese
headers), imported by finance: the licensees who paid half pay the rest, naming their invoice;
one transfer names none and is left for staff to allocate. Then the month's ageing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from registry.private_files import open_private
from registry.services.licensing.bank_statements import import_bank_statement
from registry.services.licensing.receivables import ageing, receivables_page

PAYERS = 5


def seed_bank_statement(session: Session, data_dir: Path, *, period: str, today: date) -> dict[str, Any]:
    owed = receivables_page(session, today=today, period=period, limit=500).items
    part_paid = [i for i in owed if i["paid_fen"] > 0][:PAYERS]
    day = max([today, *(date.fromisoformat(i["issued_on"]) for i in part_paid)])
    lines = ["交易日期,金额,流水号,付款人,附言"]
    for n, invoice in enumerate(part_paid, 1):
        yuan = f"{invoice['balance_fen'] // 100}.{invoice['balance_fen'] % 100:02d}"
        name = invoice["licensee_name"].replace(",", " ").replace('"', "")
        lines.append(f'{day},"{yuan}",STMT-{period}-{n:04d},{name},{invoice["number"]} 余款')
    lines.append(f"{day},88.00,STMT-{period}-9999,个人转账,版权费")  # names no invoice
    data = ("\n".join(lines) + "\n").encode("gb18030")
    path = data_dir / f"bank-statement-{period}.csv"
    with os.fdopen(open_private(path), "wb") as handle:
        handle.write(data)
    report = import_bank_statement(session, data, path.name).to_dict()
    return {"path": path, "report": report, "ageing": ageing(session, today=day)}
