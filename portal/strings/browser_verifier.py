"""The portal's words: the verifier in the reader's browser. key: (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "browser.title": ("在您自己的浏览器中验证", "Verified in your own browser"),
    "browser.intro": (
        "下面的检查完全在您的浏览器中运行：本门户只提供程序代码，区块链由您的浏览器直接通过 {rpc} 读取。"
        "证明文件不会上传到我们的服务器。",
        "The check below runs entirely in your browser: this portal only serves the code, and your "
        "browser reads the chain itself through {rpc}. The proof file is not uploaded to our server.",
    ),
    "browser.intro_file": (
        "此文件在您的浏览器中离线验证证明：请填入区块链的 JSON-RPC 地址和日志描述文件（或日志验证公钥、"
        "合约地址与链 ID），浏览器会记住它们。除区块链外不访问任何地址。",
        "This file verifies proofs in your browser: give the chain's JSON-RPC URL and the log descriptor "
        "(or the log's verifier key, contract address and chain id) once; the browser remembers them. "
        "Nothing but the chain is contacted.",
    ),
    "browser.where": ("此结论由您的浏览器得出。", "This verdict was reached by your browser."),
    "browser.time": ("浏览器内验证用时 {seconds:.2f} 秒", "Verdict in your browser in {seconds:.2f} s"),
    "browser.rpc": ("区块链 JSON-RPC 地址", "Chain JSON-RPC URL"),
    "browser.identity": (
        "日志描述文件（JSON）或日志验证公钥",
        "Log descriptor (JSON) or the log's verifier key",
    ),
    "browser.contract": ("锚定合约地址（仅在只给公钥时）", "Anchor contract (only with a bare key)"),
    "browser.chain_id": ("链 ID（仅在只给公钥时）", "Chain id (only with a bare key)"),
    "browser.offline": ("不检查区块链（结论将说明未经链上核实）", "Skip the chain (the verdict says so)"),
    "browser.chain_off": (
        "未在区块链上核实：链上步骤已被您关闭，此结论只依据日志的签名。",
        "Not checked on the chain: you turned the on-chain steps off, so this rests on the log's "
        "signature alone.",
    ),
    "browser.remembered": ("这些设置保存在本浏览器中。", "These settings are kept in this browser."),
    "browser.withheld": (
        "内容未提供：只核对指纹（叶哈希）是否在日志中。",
        "Content withheld: only the fingerprint (leaf hash) is checked.",
    ),
    "browser.server_check": ("在门户服务器上验证", "Checked on the portal's server"),
    "browser.fallback": (
        "本门户使用内置的开发链，您的浏览器无法访问它；因此下面的结论由门户服务器得出，而非您的浏览器。",
        "This portal uses the embedded development chain, which your browser cannot reach; the verdict "
        "below was therefore reached on the portal's server, not in your browser.",
    ),
    "browser.fallback_node": (
        "本门户未配置供浏览器使用的公开区块链 JSON-RPC 地址；"
        "因此下面的结论由门户服务器得出，而非您的浏览器。",
        "This portal has no public chain JSON-RPC URL configured for browsers; the verdict below was "
        "therefore reached on the portal's server, not in your browser.",
    ),
    "browser.download": ("下载验证器（单个 HTML 文件）", "Download the verifier (one HTML file)"),
    "browser.download_note": (
        "可离线保存并从本地打开。文件的 SHA-256：`{sha}`（亦公布于 README）。",
        "Keep it and open it from disk. The file's SHA-256: `{sha}` (also published in the README).",
    ),
    # steps: title, what passing means, what failing means, what "not checked" means (and why)
    "step.leaf hash": ("叶哈希", "Leaf hash"),
    "step.leaf hash.ok": (
        "指纹（叶哈希）由文件中的条目计算得出；是否即登记的条目，由包含证明判断。",
        "The fingerprint (leaf hash) was computed from the entry in the file; whether it is the entry "
        "recorded, inclusion tells.",
    ),
    "step.leaf hash.skip": (
        "内容未公开：只核对了指纹是否在日志中，未核对条目内容。",
        "Content withheld: only the fingerprint is checked against the log, not the entry itself.",
    ),
    "step.leaf hash.fail": (
        "条目在登记后被改动过：其指纹（叶哈希）不吻合。",
        "The entry was changed after it was recorded: its fingerprint (leaf hash) does not match.",
    ),
    "step.inclusion": ("包含证明", "Inclusion"),
    "step.inclusion.ok": (
        "条目确实位于公开日志中（检查点所描述的那棵树）。",
        "The entry is in the public log, in the tree the checkpoint describes.",
    ),
    "step.inclusion.fail": (
        "包含证明无法从该条目推出检查点的根：条目或证明被改动，或不属于此日志。",
        "The inclusion proof does not lead from this entry to the checkpoint's root: the entry or the "
        "proof was altered, or it is not in this log.",
    ),
    "step.inclusion.skip": ("未检查包含证明。", "The inclusion proof was not checked."),
    "step.note signature": ("检查点签名", "Checkpoint signature"),
    "step.note signature.ok": (
        "检查点由本日志的密钥签名。",
        "The checkpoint is signed by this log's key.",
    ),
    "step.note signature.fail": (
        "检查点不是由本日志的密钥签名（伪造，或来自其他日志）。",
        "The checkpoint is not signed by this log's key (forged, or from another log).",
    ),
    "step.note signature.skip": (
        "没有固定信任的日志身份（验证密钥），因此未检查签名。",
        "No trusted log identity (verifier key) is pinned, so the signature was not checked.",
    ),
    "step.on-chain checkpoint": ("链上检查点", "Checkpoint on chain"),
    "step.on-chain checkpoint.ok": (
        "区块链上记录的是同一个检查点（大小、根、签名摘要均一致）。",
        "The chain records the same checkpoint (size, root and note hash all agree).",
    ),
    "step.on-chain checkpoint.fail": (
        "无法在区块链上确认该检查点（不一致、缺失，或合约不是本日志的）。",
        "The checkpoint cannot be confirmed on the chain (it differs, is missing, or the contract is "
        "not this log's).",
    ),
    "step.on-chain checkpoint.skip": (
        "未在区块链上检查该检查点。",
        "The checkpoint was not checked on chain.",
    ),
    "step.contract verifyInclusion": ("合约验证包含", "Contract verifyInclusion"),
    "step.contract verifyInclusion.ok": (
        "链上锚定合约本身确认该条目包含在检查点中。",
        "The anchor contract on the chain itself confirms the entry is in the checkpoint.",
    ),
    "step.contract verifyInclusion.fail": (
        "链上锚定合约不认可此包含证明。",
        "The anchor contract on the chain rejects this inclusion proof.",
    ),
    "step.contract verifyInclusion.skip": (
        "未请链上合约核对包含证明。",
        "The contract on chain was not asked to check the inclusion proof.",
    ),
    "step.anchor transaction": ("锚定交易", "Anchor transaction"),
    "step.anchor transaction.ok": (
        "证明所称的交易确实在该链上、调用了本日志的合约，并为此检查点发出了锚定事件。",
        "The transaction the proof names is on the chain, called this log's contract and emitted the "
        "anchoring event of this checkpoint.",
    ),
    "step.anchor transaction.fail": (
        "证明所称的交易与链上记录不符（不存在、区块不同、合约不同或事件不符）。",
        "The transaction the proof names does not match the chain (missing, another block, another "
        "contract, or no such event).",
    ),
    "step.anchor transaction.skip": (
        "未在链上核对证明所称的交易与区块。",
        "The transaction and block the proof names were not checked on chain.",
    ),
    "step.checkpoint": ("检查点", "Checkpoint"),
    "step.checkpoint.ok": ("检查点可读。", "The checkpoint can be read."),
    "step.checkpoint.fail": ("检查点无法读取。", "The checkpoint cannot be read."),
    "step.checkpoint.skip": ("未读取检查点。", "The checkpoint was not read."),
    "step.chain": ("区块链", "Chain"),
    "step.chain.ok": ("区块链可读。", "The chain can be read."),
    "step.chain.fail": (
        "无法读取区块链，因此无法确认锚定。",
        "The chain cannot be read, so the anchoring cannot be confirmed.",
    ),
    "step.chain.skip": ("未读取区块链。", "The chain was not read."),
    "step.expected entry": ("期望的条目", "Expected entry"),
    "step.expected entry.ok": ("证明针对的正是所期望的条目。", "The proof is about the entry expected."),
    "step.expected entry.fail": (
        "证明针对的是另一个条目，而不是所期望的条目。",
        "The proof is about another entry than the one expected.",
    ),
    "step.expected entry.skip": ("未核对期望的条目。", "The expected entry was not compared."),
    "step.configuration": ("门户配置", "Portal configuration"),
    "step.configuration.ok": ("配置完整。", "Configured."),
    "step.configuration.fail": (
        "本门户缺少固定信任的设置，无法完成验证。",
        "This portal lacks a pinned setting, so it cannot complete the check.",
    ),
    "step.configuration.skip": ("未检查配置。", "The configuration was not checked."),
}
