"""The portal's words: what each verification step found (the detail under a step's title), as
the verifier states it; portal/step_details.py recognises the English sentence and its values.
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "detail.leaf_hash.ok": (
        "{hash} = SHA-256(0x00 || 规范化条目 {kind} {id} 第 {version} 版)，由文件中的条目算得",
        "{hash} = SHA-256(0x00 || canonical entry {kind} {id} v{version}), "
        "computed from the entry in the file",
    ),
    "detail.leaf_hash.altered": (
        "条目的哈希为 {computed}，文件却声明 {stated}：条目已被改动",
        "the entry hashes to {computed} but the file states {stated}: the entry was altered",
    ),
    "detail.leaf_hash.withheld": (
        "内容未公开：只给出指纹 {hash}，因此未检查条目（包含证明说明日志中是否有它）",
        "content withheld: only the fingerprint {hash} is given, so no entry was checked "
        "(inclusion says whether the log holds it)",
    ),
    "detail.inclusion.ok": (
        "叶 {index} 在大小为 {size}、根为 {root} 的树中",
        "leaf {index} is in the tree of {size} with root {root}",
    ),
    "detail.inclusion.root": (
        "包含证明算出的根为 {computed}，检查点给出的是 {stated}",
        "inclusion proof gives root {computed}, the checkpoint says {stated}",
    ),
    "detail.inclusion.outside": (
        "叶序号 {index} 超出大小为 {size} 的树",
        "leaf index {index} is outside a tree of size {size}",
    ),
    "detail.signature.ok": (
        "日志 {origin} 在大小 {size} 处的检查点由受信任的日志密钥签名",
        "checkpoint of {origin} at size {size} is signed by a trusted log key",
    ),
    "detail.signature.origin": (
        "检查点来自日志 {origin}，而不是 {pinned}",
        "checkpoint is from log {origin}, not {pinned}",
    ),
    "detail.signature.untrusted": (
        "没有受信任密钥的签名（受信任的密钥：{trusted}）",
        "no signature from a trusted key (trusted: {trusted})",
    ),
    "detail.signature.bad": (
        "{name}（{key_id}）的签名验证不通过",
        "signature by {name} ({key_id}) does not verify",
    ),
    "detail.signature.no_identity": (
        "没有受信任的日志身份：未固定日志的验证密钥",
        "no trusted log identity: no verifier key of the log is pinned",
    ),
    "detail.checkpoint.unreadable": (
        "无法读取检查点签名文本：{error}",
        "the checkpoint note cannot be read: {error}",
    ),
    "detail.no_checkpoint": (
        "没有可读的检查点可供核对",
        "there is no readable checkpoint to check against",
    ),
    "detail.on_chain.ok": (
        "合约 {contract} 的第 {index} 个检查点（链 ID {chain}）大小、根和签名摘要均相同",
        "checkpoint {index} of contract {contract} on chain id {chain} has the same size, root and note hash",
    ),
    "detail.on_chain.found_ok": (
        "合约 {contract} 的第 {index} 个检查点（按树大小在链 ID {chain} 上找到）大小、根和签名摘要均相同",
        "checkpoint {index} of contract {contract} found by tree size on chain id {chain} "
        "has the same size, root and note hash",
    ),
    "detail.on_chain.differs": (
        "链上第 {index} 个检查点与证明不同：{differences}",
        "checkpoint {index} on chain differs: {differences}",
    ),
    "detail.contract.ok": ("合约的 verifyInclusion 确认无误", "the contract's verifyInclusion agrees"),
    "detail.contract.rejects": (
        "合约的 verifyInclusion 拒绝了该包含证明",
        "the contract's verifyInclusion rejects the inclusion proof",
    ),
    "detail.tx.none": (
        "证明未指明锚定交易（按树大小找到）",
        "the proof names no anchor transaction (found by tree size)",
    ),
    "detail.tx.ok": (
        "区块 {block} 中的交易 {tx} 调用了合约 {contract}，并为第 {index} 个检查点发出 CheckpointAnchored"
        "（大小 {size}，根 {root}）",
        "transaction {tx} in block {block} called contract {contract} and emitted CheckpointAnchored "
        "for checkpoint {index} (size {size}, root {root})",
    ),
    "detail.tx.missing": (
        "链 ID {chain} 上没有交易 {tx}",
        "there is no transaction {tx} on chain id {chain}",
    ),
    "detail.tx.failed": ("交易 {tx} 在链上执行失败", "transaction {tx} failed on chain"),
    "detail.expected.ok": (
        "证明所针对的正是预期条目（叶哈希 {hash}）",
        "the proof is about the entry expected (leaf hash {hash})",
    ),
    "detail.expected.other": (
        "证明针对的是另一个条目：其叶哈希为 {actual}，预期为 {expected}",
        "the proof is about another entry: its leaf hash is {actual}, expected {expected}",
    ),
    "detail.chain.unreadable": ("无法读取区块链：{error}", "the chain cannot be read: {error}"),
    "detail.chain.unreadable_short": ("无法读取区块链", "the chain cannot be read"),
    "detail.chain.off": ("链上步骤已关闭", "the on-chain steps were turned off"),
    "detail.chain.none": ("未提供区块链", "no chain was given"),
    "detail.chain.no_contract": (
        "门户未固定合约地址（RIGHTS_PORTAL_CONTRACT_ADDRESS）",
        "the portal has no pinned contract (RIGHTS_PORTAL_CONTRACT_ADDRESS)",
    ),
    "detail.untranslated": ("（验证器原文）{text}", "{text}"),
}
