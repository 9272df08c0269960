"""The portal's words: admin. key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "admin.intro": (
        "锚定状态（自动刷新）、最近的锚定运行，以及在确认预估费用后立即运行锚定。",
        "Anchoring status (refreshed on its own), the last anchoring runs, and anchoring now after you "
        "confirm its estimated cost.",
    ),
    "admin.pending": ("锚定状态", "Anchoring status"),
    "admin.runs": ("最近的锚定运行", "Last anchoring runs"),
    "admin.run_title": ("立即锚定", "Anchor now"),
    "admin.run_now": ("立即运行锚定…", "Run anchoring now…"),
    "admin.pending_entries": ("待锚定条目", "Entries waiting"),
    "admin.log_size": ("日志条目数", "Entries in the log"),
    "admin.latest_anchor": ("最近一次锚定", "Latest anchor"),
    "admin.latest_anchor_is": (
        "检查点 #{index}：{size} 个条目，区块 {block}，{at}",
        "checkpoint #{index}: {size} entries, block {block}, {at}",
    ),
    "admin.never_anchored": ("尚未锚定", "never anchored yet"),
    "admin.anchors": ("锚定次数", "Anchors"),
    "admin.total_gas": ("累计 gas", "Gas spent"),
    "admin.total_cost": ("累计费用", "Total cost"),
    "admin.col.figure": ("项目", "Figure"),
    "admin.col.value": ("数值", "Value"),
    "admin.col.gas": ("gas", "gas"),
    "admin.col.gas_price": ("gas 价格", "gas price"),
    "admin.col.cost": ("费用", "cost"),
    "admin.waiting": ("{n} 个条目等待锚定。", "{n} entries are waiting to be anchored."),
    "admin.nothing_waiting": (
        "没有等待锚定的条目：日志已全部锚定。",
        "Nothing is waiting: the whole log is anchored.",
    ),
    "admin.unfinished": (
        "{checkpoints} 个已签名检查点尚未上链，{attempts} 次发送尚未确认：再运行一次锚定即可恢复。",
        "{checkpoints} signed checkpoints are not on chain yet and {attempts} transactions are unconfirmed: "
        "running anchoring again recovers them.",
    ),
    "admin.refreshes": ("每 {seconds} 秒自动刷新。", "Refreshes every {seconds} seconds."),
    "admin.estimate": (
        "将锚定 {n} 个条目。预估 gas {gas} × gas 价格 {price} = 费用 {cost}（依据最近 {based_on} 次锚定）。"
        "确认后才会发送交易。",
        "{n} entries would be anchored. Estimated gas {gas} × gas price {price} = cost {cost} (from the last "
        "{based_on} anchors). Nothing is sent until you confirm.",
    ),
    "admin.no_estimate": (
        "将锚定 {n} 个条目。尚无锚定记录，无法预估费用。确认后才会发送交易。",
        "{n} entries would be anchored. No anchor yet to estimate its cost from. Nothing is sent until you "
        "confirm.",
    ),
    "admin.estimate_nothing": (
        "现在没有等待锚定的条目：运行只会与链核对，不会发送交易。",
        "Nothing is waiting now: a run only checks with the chain and sends no transaction.",
    ),
    "admin.confirm": ("确认并发送交易", "Confirm and send the transaction"),
    "admin.cancel": ("取消", "Cancel"),
    "admin.ran_nothing": (
        "没有等待锚定的条目：日志（{size} 个条目）已全部锚定，未发送交易。",
        "Nothing was waiting to be anchored: the log ({size} entries) is up to date; no transaction sent.",
    ),
    "admin.ran_anchored": (
        "已锚定检查点 #{index}：{size} 个条目，区块 {block}，gas {gas}，费用 {cost}，交易 {tx}。",
        "Anchored checkpoint #{index}: {size} entries, block {block}, gas {gas}, cost {cost}, tx {tx}.",
    ),
    "admin.ran_recovered": (
        "另外找回了 {n} 次中断后已上链的锚定。",
        "Also recovered {n} anchors found on chain after an interruption.",
    ),
    "admin.none": ("暂无。", "None."),
}
