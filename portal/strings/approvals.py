"""The portal's words: distribution approvals, four eyes (finance prepares, an approver decides).
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.approvals": ("分配审批", "Distribution approvals"),
    "approvals.intro": (
        "每次分配须经两人之手：财务先以试算方式准备（将公布的汇总、与上期的差异），再由另一位具有审批权的人"
        "批准后正式执行并记入账本，或说明理由驳回。任何人都不能审批自己准备的分配。",
        "Every distribution passes through two pairs of hands: finance prepares it as a dry run "
        "(the summary it would publish, the change from the previous period); someone else with "
        "the approver role approves it, which runs and records it, or refuses it with a reason. "
        "Nobody decides a distribution they prepared.",
    ),
    "approvals.prepare": ("准备分配", "Prepare a distribution"),
    "approvals.period": ("期间（YYYY-MM）", "Period (YYYY-MM)"),
    "approvals.source": ("来源", "Source"),
    "approvals.pool": ("分配金额（元，留空则为本期收款）", "Pool (yuan; empty: the period's collections)"),
    "approvals.adjustment": ("调整已分配的期间", "Adjust a period already distributed"),
    "approvals.submit": ("试算并提交审批", "Dry-run and submit for approval"),
    "approvals.bad_period": ("期间须为 YYYY-MM 格式，例如 2026-03。", "The period is YYYY-MM, e.g. 2026-03."),
    "approvals.bad_pool": (
        "分配金额须为不小于 0 的金额，最多两位小数。",
        "The pool is an amount of 0 or more, at most two decimals.",
    ),
    "approvals.prepared": (
        "{id} 已准备，等待另一人审批。",
        "{id} prepared: it waits for someone else's decision.",
    ),
    "approvals.waiting": ("待审批（{n}）", "Awaiting a decision ({n})"),
    "approvals.decided": ("已决定（{n}）", "Decided ({n})"),
    "approvals.none_waiting": ("没有待审批的分配。", "No distribution awaits a decision."),
    "approvals.none_decided": ("尚无已决定的分配。", "No distribution decided yet."),
    "approvals.pick": ("分配提案", "Proposal"),
    "approvals.label": (
        "{id} · {period} · {source} · 由 {by} 准备",
        "{id} · {period} · {source} · prepared by {by}",
    ),
    "approvals.col.figure": ("项目", "Figure"),
    "approvals.col.now": ("本次", "This run"),
    "approvals.col.previous": ("上期（{period}）", "Previous ({period})"),
    "approvals.col.change": ("变化", "Change"),
    "approvals.fig.pool": ("分配金额", "Pool"),
    "approvals.fig.deduction": ("管理费", "Deduction"),
    "approvals.fig.allocated": ("分配给会员", "Allocated to members"),
    "approvals.fig.paid": ("本期支付", "Paid"),
    "approvals.fig.carried_forward": ("结转下期", "Carried forward"),
    "approvals.fig.members": ("获付会员数", "Members paid"),
    "approvals.fig.lines": ("分配明细行数", "Payout lines"),
    "approvals.fig.reserve": ("预留", "Reserve"),
    "approvals.no_previous": (
        "上期没有该来源的分配。",
        "The previous period has no distribution of this source.",
    ),
    "approvals.own": (
        "此分配由您准备：须由另一位审批人决定。",
        "You prepared this distribution: someone else decides it.",
    ),
    "approvals.approve": ("批准并执行", "Approve and run"),
    "approvals.reason": ("驳回理由", "Why it is refused"),
    "approvals.refuse": ("驳回", "Refuse"),
    "approvals.need_reason": ("请填写驳回理由。", "Say why it is refused."),
    "approvals.approved": (
        "{id} 已批准并执行：{summary} 已记入账本。",
        "{id} approved and run: {summary} is in the ledger.",
    ),
    "approvals.refused": ("{id} 已驳回。", "{id} refused."),
    "approvals.status.prepared": ("待审批", "awaiting a decision"),
    "approvals.status.approved": ("已批准", "approved"),
    "approvals.status.refused": ("已驳回", "refused"),
    "approvals.col.id": ("提案", "Proposal"),
    "approvals.col.status": ("状态", "Status"),
    "approvals.col.prepared_by": ("准备人", "Prepared by"),
    "approvals.col.decided_by": ("决定人", "Decided by"),
    "approvals.col.reason": ("理由", "Reason"),
}
