"""The portal's words: auditor. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "auditor.intro": (
        "直接从区块链读取检查点，检查其一致性（只追加），并检查每期分配总额是否守恒（精确到分）。",
        "Checkpoints read straight from the chain, checked for consistency (append-only); per-period "
        "distribution totals checked for conservation, to the fen.",
    ),
    "auditor.checkpoints": ("链上检查点", "Checkpoints on chain"),
    "auditor.no_checkpoints": ("链上尚无检查点。", "No checkpoint on chain yet."),
    "auditor.consistent": (
        "全部 {n} 个检查点彼此一致：每一个都是前一个的只追加扩展。",
        "All {n} checkpoints are consistent: each is an append-only extension of the previous one.",
    ),
    "auditor.inconsistent": ("检查点不一致：{detail}", "Checkpoints are inconsistent: {detail}"),
    "auditor.api_mismatch": (
        "数据服务的检查点与链上不符：{detail}",
        "The data service's checkpoints differ from the chain: {detail}",
    ),
    "auditor.api_agrees": (
        "数据服务公布的 {n} 个检查点与链上一致，且签名有效。",
        "The {n} checkpoints the data service publishes match the chain and are validly signed.",
    ),
    "auditor.check": (
        "从公开日志重新计算（{n} 个叶）并检查一致性",
        "Recompute from the public log feed ({n} leaves) and check consistency",
    ),
    "auditor.sizes_only": (
        "检查点大小逐个递增；完整的一致性检查需从公开日志重新计算。",
        "Checkpoint sizes grow one after another; the full consistency check recomputes from the public log.",
    ),
    "auditor.distributions": ("分配总额守恒", "Distribution totals (conservation)"),
    "auditor.no_distributions": ("尚无分配。", "No distribution yet."),
    "auditor.summary": ("登记处自报的统计", "The registry's own counts"),
    "auditor.full": ("完整审计", "Full audit"),
    "auditor.run": ("运行完整审计", "Run the full audit"),
    "auditor.full_login": (
        "以审计员身份登录后可运行完整审计。",
        "Log in as an auditor to run the full audit.",
    ),
    "auditor.roots_ok": (
        "由 {leaves} 个叶重新计算的每个检查点根都与链上一致。",
        "Every checkpoint root recomputed from the {leaves} leaves matches the chain.",
    ),
    "auditor.roots_bad": ("重新计算的根不一致：{detail}", "A recomputed root differs: {detail}"),
    "auditor.entries_ok": (
        "{public} 个公开条目按内容重新计算的叶哈希与日志一致；{private} 个私有条目只公开叶哈希，"
        "其叶哈希与日志一致（内容未核对）。",
        "{public} public entries, re-hashed from their content, match the log; {private} private entries, "
        "published as their leaf hash only, match by leaf hash (content not checked).",
    ),
    "auditor.entries_bad": ("条目与日志不符：{detail}", "Entries differ from the log: {detail}"),
    "auditor.conserved": ("守恒", "conserved"),
    "auditor.not_conserved": ("不守恒", "NOT conserved"),
    "auditor.unknown": ("无法检查", "cannot check"),
}
