"""Every word the portal shows, in Chinese (the default) and English. One table, one lookup."""

from __future__ import annotations

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT = "zh"

# key: (Chinese, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    # --- app and navigation ---
    "app.title": ("RightsLedger 公开门户", "RightsLedger public portal"),
    "app.language": ("语言", "Language"),
    "nav.home": ("首页", "Home"),
    "nav.verify": ("验证", "Verify"),
    "nav.works": ("作品", "Works"),
    "nav.licenses": ("许可查询", "Licenses"),
    "nav.payouts": ("我的分配", "My payouts"),
    "nav.auditor": ("审计", "Auditor"),
    "nav.report": ("透明度报告", "Transparency report"),
    "nav.admin": ("管理", "Admin"),
    # --- home ---
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
    "home.chain_unreadable": ("无法读取区块链：{error}", "The chain cannot be read: {error}"),
    # --- API states ---
    "api.down": (
        "暂时无法连接数据服务（{where}）。请稍后再试。验证上传的证明文件不受影响。",
        "The data service ({where}) cannot be reached right now. Please try again later. "
        "Verifying an uploaded proof file still works.",
    ),
    "api.not_available": ("此功能的数据服务尚未开放。", "This service is not available yet."),
    "api.not_found": ("未找到：{what}", "Not found: {what}"),
    "api.login_needed": ("请先登录（{role}）。", "Please log in first ({role})."),
    "api.refused": ("数据服务拒绝了请求：{title}", "The data service refused the request: {title}"),
    "api.loading": ("正在加载…", "Loading…"),
    # --- login ---
    "login.title": ("登录", "Log in"),
    "login.username": ("用户名", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.failed": ("用户名或密码不正确。", "Wrong username or password."),
    "login.as": ("已登录：{subject}（{role}）", "Logged in as {subject} ({role})"),
    "login.logout": ("退出登录", "Log out"),
    "login.wrong_role": (
        "此页面需要 {role} 身份登录；您当前是 {current}。",
        "This page needs a {role} login; you are logged in as {current}.",
    ),
    "role.member": ("会员", "member"),
    "role.auditor": ("审计员", "auditor"),
    "role.admin": ("管理员", "admin"),
    # --- verify ---
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
    # --- the verifier in the reader's browser ---
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
    # --- works ---
    "works.intro": (
        "按标题、ISRC、ISWC 或会员查找作品与录音。",
        "Find works and recordings by title, ISRC, ISWC or member.",
    ),
    "works.what": ("查找", "Search"),
    "works.works": ("作品", "Works"),
    "works.recordings": ("录音", "Recordings"),
    "works.title": ("标题", "Title"),
    "works.iswc": ("ISWC", "ISWC"),
    "works.isrc": ("ISRC", "ISRC"),
    "works.member": ("会员", "Member"),
    "works.search": ("搜索", "Search"),
    "works.none": ("没有找到匹配的记录。请换个关键词试试。", "Nothing matches. Try other words."),
    "works.found": ("找到 {total} 条", "{total} found"),
    "works.pick": ("查看登记历史", "See the registration history of"),
    "works.history": ("登记历史", "Registration history"),
    "works.version": ("第 {version} 版 · {at}", "Version {version} · {at}"),
    "works.anchored": ("已锚定（检查点 {index}）", "Anchored (checkpoint {index})"),
    "works.pending": ("等待锚定", "Waiting to be anchored"),
    "works.no_history": ("暂无历史记录。", "No history yet."),
    # --- licenses ---
    "licenses.intro": (
        "查询某个场所或平台是否持有有效许可：按许可编号、场所或公司名称、城市。",
        "Check whether a venue or platform holds a valid license: by license number, venue or company "
        "name, city.",
    ),
    "licenses.number": ("许可编号", "License number"),
    "licenses.name": ("场所或公司名称", "Venue or company name"),
    "licenses.city": ("城市", "City"),
    "licenses.search": ("查询", "Look up"),
    "licenses.none": ("没有找到许可。", "No license found."),
    "licenses.reason": ("原因", "Reason"),
    "licenses.status": ("状态", "Status"),
    "licenses.validity": ("有效期", "Valid"),
    "licenses.states": ("许可所载状态", "What the license states"),
    "licenses.proof": ("这一状态是否得到证明", "Whether this status is proven"),
    "licenses.no_reason": ("未注明原因", "no reason given"),
    "licenses.states.active": ("许可有效：自 {start} 至 {end}。", "License in force from {start} to {end}."),
    "licenses.states.pending": (
        "许可尚未生效：自 {start} 起生效。",
        "License not yet in force: it starts on {start}.",
    ),
    "licenses.states.suspended": ("许可已于 {on} 暂停：{reason}", "License suspended on {on}: {reason}"),
    "licenses.states.revoked": ("许可已于 {on} 撤销：{reason}", "License revoked on {on}: {reason}"),
    "licenses.states.expired": ("许可已于 {end} 到期。", "License expired on {end}."),
    "licenses.states.other": ("许可状态：{status}", "License status: {status}"),
    "licenses.not_licensed": ("该场所或平台目前未获许可。", "This venue or platform is not licensed now."),
    "licenses.press_verify": (
        "按“验证”核对此状态：检查的是许可的最新版本（第 {version} 版）。",
        "Press “Verify” to check this status: the proof checked is of the license's latest "
        "version (v{version}).",
    ),
    "licenses.proven_at": (
        "此状态（{status}）是最新的已锚定版本（第 {version} 版），"
        "已在链 {chain} 上的第 {index} 号检查点得到证明。",
        "This status ({status}) is the latest anchored version (v{version}), proven at checkpoint {index} "
        "on chain {chain}.",
    ),
    "licenses.found_by_size": (
        "此状态（{status}，第 {version} 版）已在链上得到证明（按树大小找到检查点）。",
        "This status ({status}, v{version}) is proven on chain (its checkpoint found by tree size).",
    ),
    "licenses.newer_unanchored": (
        "已有更新的版本（第 {version} 版）但尚未锚定：上面的状态尚未得到证明；已证明的是第 {proven} 版。",
        "A newer version (v{version}) exists but is not anchored yet: the status above is not proven yet; "
        "what is proven is v{proven}.",
    ),
    "licenses.not_proven": (
        "此状态（第 {version} 版）未得到证明：见下面的验证步骤。",
        "This status (v{version}) is not proven: see the verification steps below.",
    ),
    "status.active": ("有效", "active"),
    "status.expired": ("已过期", "expired"),
    "status.revoked": ("已撤销", "revoked"),
    "status.suspended": ("已暂停", "suspended"),
    "status.pending": ("待生效", "pending"),
    # --- payouts ---
    "payouts.intro": (
        "以会员身份登录，查看每期分配结算单并逐行验证。",
        "Log in as a member to see your statements per period and verify each line.",
    ),
    "payouts.none": ("暂无结算单。", "No statements yet."),
    "payouts.over_periods": ("各期分配（按来源）", "Payouts over periods, by source"),
    "payouts.period": ("期间", "Period"),
    "payouts.source": ("来源", "Source"),
    "payouts.amount": ("金额", "Amount"),
    "payouts.usage": ("使用量", "Usage"),
    "payouts.share": ("份额", "Share"),
    "payouts.lines": ("结算明细", "Statement lines"),
    "payouts.pick": ("结算单", "Statement"),
    "payouts.no_lines": ("此结算单没有明细。", "This statement has no lines."),
    "payouts.csv": ("下载 CSV", "Download CSV"),
    "payouts.pdf": ("下载 PDF 结算单", "Download the PDF statement"),
    "payouts.proofs": ("下载全部证明文件（zip）", "Download all proof files (zip)"),
    "payouts.zip_ready": ("保存 zip", "Save the zip"),
    "payouts.verify_all": ("逐行验证全部明细", "Verify every line"),
    "payouts.line": ("{what} · {amount}", "{what} · {amount}"),
    "payouts.line_listed": (
        "此行在已验证的结算单条目中，金额一致。",
        "This line is in the verified statement entry, with the same amount.",
    ),
    "payouts.line_missing": (
        "已验证的结算单条目中没有这一行：数据服务给出的明细与已锚定的结算单不符。",
        "The verified statement entry does not list this line: the data service's lines differ "
        "from the anchored statement.",
    ),
    "payouts.all_valid": ("全部 {n} 行均验证通过。", "All {n} lines verify."),
    "payouts.some_invalid": ("{bad} / {n} 行验证失败。", "{bad} of {n} lines fail."),
    "pdf.title": ("分配结算单", "Royalty statement"),
    "pdf.member": ("会员", "Member"),
    "pdf.total": ("合计", "Total"),
    "pdf.scan": ("扫码验证本结算单", "Scan to verify this statement"),
    # --- auditor ---
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
    # --- report ---
    "report.intro": (
        "每月公开报告；其数字本身也作为条目锚定在链上。",
        "The public monthly report; its figures are themselves an entry anchored on chain.",
    ),
    "report.month": ("月份（YYYY-MM）", "Month (YYYY-MM)"),
    "report.bad_month": ("请输入 YYYY-MM 格式的月份。", "Enter a month as YYYY-MM."),
    "report.field.works_registered": ("登记作品数", "Works registered"),
    "report.field.repertoire": ("曲库", "Repertoire"),
    "report.field.licensing": ("许可与收费", "Licensing and collections"),
    "report.field.conflicts": ("权属争议", "Ownership conflicts"),
    "report.field.anchoring": ("链上锚定", "Anchoring on chain"),
    "report.field.recordings_registered": ("登记录音数", "Recordings registered"),
    "report.field.members_joined": ("新入会会员", "Members joined"),
    "report.field.members_total": ("会员总数", "Members"),
    "report.field.licenses_at_month_end": ("月末许可状态", "Licenses at month end"),
    "report.field.collected_fen": ("各来源收费", "Collections by source"),
    "report.field.invoiced_fen": ("开票金额", "Invoiced"),
    "report.field.outstanding_fen": ("未收金额", "Outstanding"),
    "report.field.checkpoints": ("锚定检查点", "Checkpoints anchored"),
    "report.field.conflicts_opened": ("新增争议", "Conflicts opened"),
    "report.field.conflicts_resolved": ("已解决争议", "Conflicts resolved"),
    "report.field.licenses_issued": ("新发许可", "Licenses issued"),
    "report.field.licenses_active": ("有效许可", "Licenses active"),
    "report.field.licenses_active_by_province": ("各省有效许可", "Active licenses by province"),
    "report.field.collections_by_source": ("各来源收费", "Collections by source"),
    "report.field.distributions_by_source": ("各来源分配", "Distributions by source"),
    "report.field.anchors": ("链上锚定次数", "Anchors on chain"),
    "report.field.gas_used": ("消耗 gas", "Gas spent"),
    "report.none": ("该月尚无报告。", "No report for this month yet."),
    # --- admin ---
    "admin.intro": (
        "待锚定条目、最近的锚定运行，以及立即运行锚定。",
        "Pending entries, the last anchoring runs, and run anchoring now.",
    ),
    "admin.pending": ("待锚定条目", "Pending entries"),
    "admin.runs": ("最近的锚定运行", "Last anchoring runs"),
    "admin.run_now": ("立即运行锚定", "Run anchoring now"),
    "admin.ran": ("锚定已运行：{result}", "Anchoring ran: {result}"),
    "admin.pending_entries": ("待锚定条目", "Entries waiting"),
    "admin.log_size": ("日志条目数", "Entries in the log"),
    "admin.anchors": ("锚定次数", "Anchors"),
    "admin.total_gas": ("累计 gas", "Gas spent"),
    "admin.none": ("暂无。", "None."),
    # --- table columns ---
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
    # --- common ---
    "common.details": ("详情", "Details"),
    "common.empty": ("暂无数据。", "Nothing here yet."),
    "common.error": ("出了点问题：{error}", "Something went wrong: {error}"),
}


def translate(key: str, lang: str, **values: object) -> str:
    pair = STRINGS.get(key)
    if pair is None:
        return key  # a missing string shows its key rather than failing the page
    text = pair[0] if lang == "zh" else pair[1]
    return text.format(**values) if values else text
