"""The portal's words: home. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "home.intro": (
        "这里记录的每一项事实（作品登记、许可、分配结果）都写入一个只能追加的 Merkle 日志，"
        "其签名检查点锚定在区块链上。您无需信任我们的服务器即可自行验证。",
        "Every fact recorded here (work registrations, licenses, distribution results) is written to an "
        "append-only Merkle log whose signed checkpoints are anchored on a blockchain. You can check it "
        "yourself without trusting our servers.",
    ),
    "home.log": ("日志", "Log"),
    "home.tree_size": ("日志条目数", "Entries in the log"),
    "home.checkpoints": ("链上检查点", "Checkpoints on chain"),
    "home.pinned": ("本门户固定信任的设置", "What this portal trusts (pinned)"),
    "home.pinned.origin": ("日志来源", "Log origin"),
    "home.pinned.vkey": ("日志验证密钥", "Log verifier key"),
    "home.pinned.contract": ("锚定合约", "Anchor contract"),
    "home.pinned.chain": ("区块链", "Chain"),
    "home.pinned.embedded": ("内置开发链（仅本机）", "embedded development chain (this machine only)"),
    "home.pinned.unset": ("未设置", "not set"),
    "home.chain_unreadable": ("无法读取区块链：{error}", "The chain cannot be read: {error}"),
}
