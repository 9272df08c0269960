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
    "auditor.col.explorer": ("区块浏览器", "explorer"),
    "auditor.open_explorer": ("在区块浏览器中查看", "view on explorer"),
    "auditor.pair": ("任意两个检查点之间的一致性", "Consistency between any two checkpoints"),
    "auditor.pair_intro": (
        "从数据服务取得两个检查点之间的一致性证明，用链上的两个根在本页核对（RFC 9162），"
        "再请合约自己核对一次。",
        "Fetches the consistency proof between two checkpoints from the data service and checks it here "
        "against the two roots on chain (RFC 9162), then asks the contract to check it too.",
    ),
    "auditor.pair_first": ("较早的检查点", "Older checkpoint"),
    "auditor.pair_second": ("较新的检查点", "Newer checkpoint"),
    "auditor.pair_option": ("#{index}（{size} 个条目）", "#{index} ({size} entries)"),
    "auditor.pair_check": ("核对一致性", "Check consistency"),
    "auditor.pair_order": (
        "请先选较早的检查点，再选较新的检查点。",
        "Choose an older checkpoint, then a newer one.",
    ),
    "auditor.pair_ok": (
        "检查点 #{first}（{first_size} 个条目）与 #{second}（{second_size} 个条目）一致："
        "后者是前者的只追加扩展。"
        "证明含 {hashes} 个哈希，已在本页用链上的根核对。",
        "Checkpoints #{first} ({first_size} entries) and #{second} ({second_size} entries) are consistent: "
        "the later is an append-only extension of the earlier. The proof's {hashes} hashes were checked "
        "here against the roots on chain.",
    ),
    "auditor.pair_bad": (
        "检查点 #{first} 与 #{second} 不一致：{detail}",
        "Checkpoints #{first} and #{second} are NOT consistent: {detail}",
    ),
    "auditor.pair_contract_ok": ("合约也确认了这一证明。", "The contract confirms the proof too."),
    "auditor.pair_contract_bad": ("合约拒绝了这一证明。", "The contract rejects the proof."),
    "auditor.pair_contract_unread": ("无法请合约核对：{error}", "Could not ask the contract: {error}"),
    "auditor.pair_one": ("至少需要两个检查点。", "At least two checkpoints are needed."),
    "auditor.counts": ("登记处自报的统计", "The registry's own counts"),
    "auditor.count.log_size": ("日志条目数", "Entries in the log"),
    "auditor.count.pending_entries": ("待加入日志的条目", "Entries not yet in the log"),
    "auditor.count.checkpoints": ("签名检查点", "Signed checkpoints"),
    "auditor.count.latest_checkpoint_size": ("最新检查点的条目数", "Entries at the latest checkpoint"),
    "auditor.count.latest_anchored_size": ("最新锚定的条目数", "Entries at the latest anchor"),
    "auditor.col.kind": ("条目类型", "Entry kind"),
    "auditor.col.entries": ("条目数", "Entries"),
    "auditor.col.figure": ("项目", "Figure"),
    "auditor.col.value": ("数值", "Value"),
    "auditor.none_yet": ("无", "none"),
    "auditor.kind.member": ("会员", "member"),
    "auditor.kind.work": ("作品", "work"),
    "auditor.kind.recording": ("录音", "recording"),
    "auditor.kind.conflict": ("权属争议", "conflict"),
    "auditor.kind.license": ("许可", "license"),
    "auditor.kind.contract": ("合同", "contract"),
    "auditor.kind.usage_report": ("使用报告", "usage report"),
    "auditor.kind.distribution_line": ("分配明细", "distribution line"),
    "auditor.kind.distribution_summary": ("分配汇总", "distribution summary"),
    "auditor.kind.evidence": ("证据", "evidence"),
    "auditor.kind.transparency_report": ("透明度报告", "transparency report"),
    "auditor.kind.tariff": ("费率", "tariff"),
    "auditor.kind.invoice": ("发票", "invoice"),
    "auditor.kind.payment": ("付款", "payment"),
    "auditor.kind.api_user": ("API 账户", "API account"),
    "auditor.kind.licensee": ("被许可方", "licensee"),
    "auditor.kind.usage_claim": ("使用认领", "usage claim"),
    "auditor.kind.duplicate_candidate": ("疑似重复", "possible duplicate"),
    "auditor.kind.cwr_file": ("CWR 文件", "CWR file"),
    "auditor.kind.distribution_proposal": ("分配提案（双人审批）", "distribution proposal (four eyes)"),
    "auditor.kind.submission": ("外部提交的作品及审核决定", "work submission and its review"),
    "auditor.kind.reminder": ("催款通知", "payment reminder"),
    "auditor.download_json": ("下载签名审计报告（JSON）", "Download the signed audit report (JSON)"),
    "auditor.download_pdf": ("下载审计报告（PDF）", "Download the audit report (PDF)"),
    "auditor.signed_by": (
        "报告以本门户的审计密钥签名（C2SP 签名注记，覆盖报告的 RFC 8785 SHA-256 {sha256}）。验证密钥：",
        "The report is signed with this portal's audit key (a C2SP signed note over the report's RFC 8785 "
        "SHA-256 {sha256}). Verifier key:",
    ),
    "auditor.verdict_passed": ("审计通过：每项检查均通过。", "Audit passed: every check passed."),
    "auditor.verdict_failed": (
        "审计未通过：见下方失败的检查。",
        "Audit failed: see the failed checks below.",
    ),
    "auditor.check.sizes_grow": ("检查点大小逐个递增", "Checkpoint sizes grow"),
    "auditor.check.roots": (
        "由公开日志重新计算的根与链上一致",
        "Roots recomputed from the public log match the chain",
    ),
    "auditor.check.contract": (
        "合约确认相邻检查点的一致性",
        "The contract confirms each checkpoint extends the previous",
    ),
    "auditor.check.entries": (
        "公开条目重新计算哈希，私有条目比对叶哈希",
        "Public entries re-hashed, private ones matched by leaf hash",
    ),
    "auditor.check.published": (
        "数据服务的检查点与链上一致且签名有效",
        "The data service's checkpoints match the chain, validly signed",
    ),
    "auditor.check.conservation": (
        "每次分配总额守恒（精确到分）",
        "Every distribution's totals are conserved, to the fen",
    ),
    "auditor.pdf.title": ("RightsLedger 审计报告", "RightsLedger audit report"),
    "auditor.pdf.generated_at": ("生成时间", "Generated at"),
    "auditor.pdf.log": ("日志", "Log"),
    "auditor.pdf.contract": ("锚定合约", "Anchor contract"),
    "auditor.pdf.verdict": ("结论", "Verdict"),
    "auditor.pdf.passed": ("通过", "passed"),
    "auditor.pdf.failed": ("未通过", "failed"),
    "auditor.pdf.checks": ("检查", "Checks"),
    "auditor.pdf.check": ("检查项", "Check"),
    "auditor.pdf.result": ("结果", "Result"),
    "auditor.pdf.detail": ("详情", "Detail"),
    "auditor.pdf.checkpoints": ("链上检查点", "Checkpoints on chain"),
    "auditor.pdf.counts": ("登记处自报的条目数", "The registry's entries per kind"),
    "auditor.pdf.kind": ("条目类型", "Entry kind"),
    "auditor.pdf.entries": ("条目数", "Entries"),
    "auditor.pdf.signature": ("签名", "Signature"),
    "auditor.pdf.key": ("验证密钥", "Verifier key"),
}
