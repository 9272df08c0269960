"""The portal's words: verify. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "verify.intro": (
        "上传证明文件（.rlproof 或 .tlog-proof），或输入条目编号。本页自行验证每一步，"
        "并直接从区块链读取检查点，不依赖数据服务的说法。",
        "Upload a proof file (.rlproof or .tlog-proof), or enter an entry id. This page checks every "
        "step itself and reads the checkpoint straight from the chain, without relying on the data service.",
    ),
    "verify.upload": ("证明文件", "Proof file"),
    "verify.entry_id": ("条目编号", "Entry id"),
    "verify.version": ("版本（可选）", "Version (optional)"),
    "verify.fetch": ("获取并验证", "Fetch and verify"),
    "verify.checking": ("正在验证…", "Verifying…"),
    "verify.valid": ("已证明：所有必需步骤均通过。", "Proven: every required step passed."),
    "verify.not_proven": (
        "未能证明：“{step}”这一步未检查。",
        "Not proven: the step “{step}” was not checked.",
    ),
    "verify.anchor_unchecked": (
        "证明文件自称的锚定位置（未在链上核实）",
        "Where the proof file says it is anchored (not checked on chain)",
    ),
    "verify.invalid": ("无效：在“{step}”这一步失败。", "Invalid: the step “{step}” failed."),
    "verify.unreadable": ("无法读取此文件：{error}", "This file cannot be read: {error}"),
    "verify.time": ("验证用时 {seconds:.2f} 秒", "Verdict in {seconds:.2f} s"),
    "verify.entry": ("条目内容", "The entry"),
    "verify.entry_field": ("字段", "Field"),
    "verify.entry_value": ("内容", "Value"),
    "verify.entry_json": ("下载条目（规范 JSON）", "Download the entry (canonical JSON)"),
    "verify.anchor": ("锚定位置", "Where it is anchored"),
    "verify.chain_id": ("链 ID", "Chain id"),
    "verify.block": ("区块", "Block"),
    "verify.tx": ("交易", "Transaction"),
    "verify.explorer": ("在区块浏览器中查看", "View in the explorer"),
    "verify.contract": ("合约", "Contract"),
    "verify.checkpoint_index": ("检查点序号", "Checkpoint index"),
    "verify.no_anchor": (
        "此文件未携带锚定信息；已按树大小在固定合约中查找检查点。",
        "This file carries no anchor; the checkpoint was looked up on the pinned contract by its tree size.",
    ),
    "verify.hash_only": (
        "此证明只含条目的哈希（私有条目）：内容不公开。",
        "This proof holds only the entry's hash (a private entry): its content is not public.",
    ),
    "verify.private_hint": (
        "这是私有条目：请在“我的分配”中以会员身份登录后验证，或上传其证明文件。期望的叶哈希：{leaf}",
        "This is a private entry: log in as its member on “My payouts” to verify it, or upload its proof "
        "file. Expected leaf hash: {leaf}",
    ),
    "verify.technical": ("技术细节", "Technical detail"),
    "verify.download": ("下载证明文件", "Download the proof file"),
    "verify.in_place": ("验证", "Verify"),
    "verify.not_public": (
        "没有此编号的公开条目。私有条目（会员资格、分配对账单、合同）只以指纹（叶哈希）公开："
        "对账单上的二维码可直接核对其指纹；登录后可核对完整内容。",
        "No public entry has this id. A private entry (a membership, a statement line, a contract) is "
        "public only as its fingerprint (leaf hash): a statement's QR code checks that fingerprint; log "
        "in for the full check.",
    ),
    "verify.login_for_full": (
        "这里只核对了指纹，未显示内容。以会员身份登录“我的分配”后可核对完整内容。",
        "Only the fingerprint was checked here, without the content. Log in as the member on “My "
        "payouts” for the full check.",
    ),
    "browser.fingerprint_anchored": (
        "此指纹已在日志中，并锚定在链 {chain} 上的第 {index} 号检查点。",
        "This fingerprint is in the log and anchored at checkpoint {index} on chain {chain}.",
    ),
}
