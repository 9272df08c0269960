"""The portal's words: table columns. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "col.tree_size": ("树大小", "tree size"),
    "col.root": ("根", "root"),
    "col.note_hash": ("签名摘要", "note hash"),
    "col.anchored_at": ("锚定时间", "anchored at"),
    "col.block": ("区块", "block"),
    "col.tx": ("交易", "tx"),
    "col.period": ("期间", "period"),
    "col.source": ("来源", "source"),
    "col.pool": ("分配池", "pool"),
    "col.deduction": ("管理费", "deduction"),
    "col.lines": ("分配明细合计", "lines"),
    "col.allocated": ("分配给会员", "allocated to members"),
    "col.reserve": ("储备", "reserve"),
    "col.carried": ("结转", "carried"),
    "col.difference": ("差额", "difference"),
    "col.verdict": ("结论", "verdict"),
}
