"""The portal's words: the staff's review queues (share conflicts, duplicate candidates).
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.review": ("审核队列", "Review queues"),
    "review.intro": (
        "份额冲突：同一作品同一权利的申报合计超过 100%，争议份额在解决前暂缓分配。重复候选：疑似同一作品"
        "或录音的两条记录。每项决定都记入账本，并注明决定人。",
        "Share conflicts: the claims of one right in a work add up to more than 100%; the disputed "
        "share is held back from distribution until resolved. Duplicate candidates: two records that "
        "may be one work or recording. Every decision is a ledger entry naming who decided.",
    ),
    "review.tab_conflicts": ("份额冲突（{n}）", "Share conflicts ({n})"),
    "review.tab_duplicates": ("重复候选（{n}）", "Duplicate candidates ({n})"),
    "review.no_conflicts": ("没有待解决的份额冲突。", "No share conflict is open."),
    "review.no_duplicates": ("没有待审核的重复候选。", "No duplicate candidate is waiting."),
    "review.pick_case": ("冲突", "Conflict"),
    "review.case_label": (
        "{id} · {title} · {right} · 申报合计 {total}",
        "{id} · {title} · {right} · claimed {total}",
    ),
    "review.claims": ("各方申报", "The claims"),
    "review.col.submitter": ("申报方", "Submitted by"),
    "review.col.party": ("权利人", "Party"),
    "review.col.ipi": ("IPI", "IPI"),
    "review.col.role": ("角色", "Role"),
    "review.col.share": ("份额（%）", "Share (%)"),
    "review.by_submitter": ("{submitter} 申报合计 {total}", "{submitter} claims {total} in all"),
    "review.keep": ("采用 {submitter} 的申报", "Keep {submitter}'s claims"),
    "review.decide": ("决定份额", "Decide the shares"),
    "review.decide_help": (
        "在下表中填写各方最终份额（合计须为 100%，误差 ±0.06%），份额为 0 的行不计入。",
        "Enter each party's decided share below (they must total 100%, ±0.06%); rows at 0 are left out.",
    ),
    "review.total": ("合计 {total}", "Total {total}"),
    "review.note": ("决定理由（必填）", "Why (required)"),
    "review.resolve": ("解决冲突", "Resolve the conflict"),
    "review.need_note": ("请填写决定理由。", "Say why: the reason is required."),
    "review.need_total": (
        "份额合计为 {total}，须为 100%。",
        "The shares total {total}; they must make 100%.",
    ),
    "review.resolved": (
        "{id} 已解决：{work} 的新版本已记入账本。",
        "{id} resolved: the next version of {work} is in the ledger.",
    ),
    "review.pick_pair": ("候选", "Candidate"),
    "review.pair_label": ("{id} · {first} / {second}", "{id} · {first} / {second}"),
    "review.first": ("记录一", "First record"),
    "review.second": ("记录二", "Second record"),
    "review.code": ("编码", "Code"),
    "review.reason": ("匹配依据：{reason}", "Why they may be one: {reason}"),
    "review.detail": ("记录的依据：{detail}", "Recorded evidence: {detail}"),
    "review.reason.title_and_writer": ("标题相同且有共同作者", "the same title and a writer in common"),
    "review.reason.title_artist_duration": (
        "标题、艺人相同且时长相近",
        "the same title and artist, and durations close",
    ),
    "review.merge_into": ("并入 {id}（保留 {id}）", "Merge into {id} (keep {id})"),
    "review.keep_apart": ("不是同一记录", "Not the same: keep apart"),
    "review.merged": (
        "{id}：{gone} 已并入 {kept}，两者历史均保留。",
        "{id}: {gone} merged into {kept}; both histories kept.",
    ),
    "review.kept_apart": (
        "{id}：已确认为不同记录，不再提示。",
        "{id}: kept apart; the pair is not proposed again.",
    ),
    "review.subject.work": ("作品", "work"),
    "review.subject.recording": ("录音", "recording"),
}
