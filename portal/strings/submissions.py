"""The portal's words: the registry clerks' review queue of works sent from outside (the works
template, the queue, one submission with its suggestions, the decisions).
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.submissions": ("待审核提交", "Submissions to review"),
    "submissions.intro": (
        "出版者和其他协会用作品登记模板提交的作品，每行一条提交，在此等待登记专员审核：照原样接受、"
        "修改后接受，或说明理由拒绝。接受即以提交方名义登记作品；每项决定都记入账本，并注明决定人。",
        "Works that publishers and other societies send on the works template wait here, one "
        "submission per row, for a registry clerk: accept as sent, correct and accept, or reject "
        "with a reason. Accepting registers the work in the submitter's name; every decision is a "
        "ledger entry naming who decided.",
    ),
    "submissions.auditor": ("审计员只能查看，不能作出决定。", "Auditors read; they do not decide."),
    "submissions.read_only": (
        "此提交尚待登记专员决定。",
        "This submission waits for a registry clerk's decision.",
    ),
    "submissions.part": ("内容", "Part"),
    "submissions.tab.queue": ("提交队列", "The queue"),
    "submissions.tab.send": ("提交模板", "Send a template"),
    "submissions.tab.new": ("登记新作品", "Register a work"),
    "submissions.new_work": ("按表单登记一部作品", "Register a work by form"),
    "submissions.new_work_help": (
        "协会自己登记的作品（或代某提交方登记）：填写后立即登记，账本记下由谁录入了什么。"
        "份额按百分比填写，每项权利合计须为 100 或全部为 0。",
        "A work the society registers itself (or for a submitter): registered at once, and the ledger "
        "keeps who entered what. Shares in percent; each right's shares make 100, or are all 0.",
    ),
    "submissions.new_submitter": ("提交方（协会自己登记填 CMO）", "Submitter (CMO: the society's own)"),
    "submissions.new_work_go": ("登记作品", "Register the work"),
    "submissions.new_work_done": ("已登记作品 {work}。", "Work {work} registered."),
    "submissions.refused_new_work": ("登记处拒绝了这部作品：", "The registry refused the work:"),
    # statuses
    "submissions.status.pending": ("待审核", "pending"),
    "submissions.status.accepted": ("已接受", "accepted"),
    "submissions.status.rejected": ("已拒绝", "rejected"),
    "submissions.status.all": ("全部", "all"),
    # the blank template and the intake
    "submissions.blank": ("空白作品登记模板", "The blank works template"),
    "submissions.blank_help": (
        "发给提交方填写：每行一部作品，表头和说明为当前界面语言（中文），附一行示例。份额填写百分比"
        "数字（如 50 或 33.33），同一权利的各方份额合计为 100。",
        "For the submitter to fill in: one work per row, headers and notes in the language of this "
        "page (English), with one example row. Shares are numbers of percent (50 or 33.33); per "
        "right, the shares of all parties add up to 100.",
    ),
    "submissions.blank_xlsx": ("下载模板（Excel）", "Download the template (Excel)"),
    "submissions.blank_csv": ("下载模板（CSV）", "Download the template (CSV)"),
    "submissions.send": ("提交填好的模板", "Send a filled template"),
    "submissions.submitter": ("提交方（出版者或协会）", "Submitter (publisher or society)"),
    "submissions.submitter_hint": ("例如：星河音乐出版", "e.g. Star River Music"),
    "submissions.file": ("填好的模板（Excel 或 CSV）", "The filled template (Excel or CSV)"),
    "submissions.send_go": ("送入待审核队列", "Send to the queue"),
    "submissions.need_submitter": (
        "请填写“提交方”：这些作品是谁提交的（出版者或协会）。",
        "Fill in Submitter: whose works these are (the publisher or society).",
    ),
    "submissions.need_file": ("请选择填好的模板文件。", "Choose the filled template file."),
    "submissions.unreadable": (
        "无法读取此文件：它不是作品登记模板（表头或格式不符）。请使用上方下载的空白模板。{detail}",
        "This file cannot be read as a works template (its headers or format are not the "
        "template's). Use the blank template above.{detail}",
    ),
    "submissions.intake": ("收件报告 · {file}", "Intake report · {file}"),
    "submissions.intake_rows": ("文件中的行数", "Rows in the file"),
    "submissions.intake_received": ("已送入队列", "Queued"),
    "submissions.intake_refused": ("被退回的行", "Refused rows"),
    "submissions.intake_already": ("此前已提交", "Sent before"),
    "submissions.intake_queued": (
        "已将 {n} 条提交送入待审核队列（{first} 至 {last}）。",
        "Queued for review: {n} ({first} to {last}).",
    ),
    "submissions.intake_nothing_new": (
        "此文件此前已提交过，没有新的内容送入队列。",
        "This file was sent before: nothing new was queued.",
    ),
    "submissions.intake_problems": (
        "被退回的行（未送入队列，请提交方修改后重新提交）",
        "Refused rows (not queued: the submitter corrects them and sends them again)",
    ),
    "submissions.intake_review": ("审核刚送入的提交", "Review the submissions just queued"),
    # the queue
    "submissions.show": ("显示", "Show"),
    "submissions.search": (
        "作品名称、提交方、提交方作品编号或提交号（SUB-n）",
        "Title, submitter, their work number or submission (SUB-n)",
    ),
    "submissions.none": ("没有待审核的提交。", "No submission is waiting for review."),
    "submissions.none_match": ("没有符合条件的提交。", "No submission matches."),
    "submissions.pick": ("打开提交", "Open a submission"),
    "submissions.source": ("{file} 第 {line} 行", "{file}, line {line}"),
    "submissions.col.id": ("提交号", "Submission"),
    "submissions.col.title": ("作品名称", "Title"),
    "submissions.col.submitter": ("提交方", "Submitter"),
    "submissions.col.their_number": ("提交方作品编号", "Their number"),
    "submissions.col.source": ("文件与行号", "File and line"),
    "submissions.col.suggestions": ("建议数", "Suggestions"),
    "submissions.col.status": ("状态", "Status"),
    "submissions.col.line": ("行号", "Line"),
    "submissions.col.field": ("栏目", "Field"),
    "submissions.col.problem": ("问题", "Problem"),
    "submissions.col.reason": ("原因", "Reason"),
    "submissions.col.fact": ("项目", "Fact"),
    "submissions.col.value": ("内容", "Value"),
    "submissions.col.side": ("身份", "As"),
    "submissions.col.name": ("姓名或名称", "Name"),
    "submissions.col.ipi": ("IPI 名称号", "IPI name number"),
    "submissions.col.role": ("角色", "Role"),
    "submissions.col.pr_share": ("表演权（%）", "PR share (%)"),
    "submissions.col.mr_share": ("复制权（%）", "MR share (%)"),
    "submissions.col.sr_share": ("同步权（%）", "SR share (%)"),
    "submissions.col.isrc": ("ISRC", "ISRC"),
    "submissions.col.recording_title": ("录音名称", "Recording title"),
    "submissions.col.artist": ("表演者", "Artist"),
    "submissions.col.duration": ("时长", "Duration"),
    # accepting many
    "submissions.select": ("选择要照原样接受的提交", "Choose submissions to accept as sent"),
    "submissions.select_hint": ("从本页待审核的提交中选择", "Choose from the pending ones on this page"),
    "submissions.accept_selected": ("接受所选（{n} 条）", "Accept selected ({n})"),
    "submissions.accept_page": ("接受本页全部待审核（{n} 条）", "Accept all pending on this page ({n})"),
    "submissions.confirm": (
        "确认照原样接受（{n} 条）：{ids}？作品将以各提交方名义登记，不能撤回。",
        "Accept as sent ({n}): {ids}? The works are registered in the submitters' names; this "
        "cannot be undone.",
    ),
    "submissions.confirm_go": ("确认接受 {n} 条", "Yes, accept {n}"),
    "submissions.cancel": ("取消", "Cancel"),
    "submissions.bulk_done": (
        "已接受 {accepted} 条（共请求 {asked} 条）。登记的作品：{works}",
        "Accepted {accepted} of {asked}. Works registered: {works}",
    ),
    "submissions.bulk_refused": (
        "未接受的提交（{n} 条，保持原状）",
        "Not accepted ({n}; they stay as they were)",
    ),
    "submissions.bulk_dismiss": ("关闭此结果", "Dismiss this answer"),
    # one submission
    "submissions.sent_by": (
        "提交方：{submitter} · 其作品编号：{number} · 来自 {file} 第 {line} 行 · {by} 于 {at} 送入队列",
        "From {submitter} · their number {number} · {file}, line {line} · queued by {by} on {at}",
    ),
    "submissions.is_pending": ("待审核：尚未作出决定。", "Pending: not decided yet."),
    "submissions.was_accepted": (
        "已接受（{by}，{at}），登记为作品 {work}。",
        "Accepted by {by} on {at}: registered as work {work}.",
    ),
    "submissions.was_rejected": (
        "已拒绝（{by}，{at}）。理由：{reason}",
        "Rejected by {by} on {at}. Reason: {reason}",
    ),
    "submissions.as_sent": ("提交的作品（原样）", "The work as sent"),
    "submissions.as_registered": ("修改后登记的作品", "The work as corrected and registered"),
    "submissions.parties": ("词曲作者、出版者与份额", "Writers, publishers and shares"),
    "submissions.no_parties": ("未填写词曲作者或出版者。", "No writer or publisher was given."),
    "submissions.recordings": ("录音", "Recordings"),
    "submissions.ai_undeclared": ("未声明", "not declared"),
    "submissions.side.writer": ("词曲作者", "writer"),
    "submissions.side.publisher": ("出版者", "publisher"),
    "submissions.suggestions": ("规范化建议", "Standardisation suggestions"),
    "submissions.suggestions_then": ("收到时的规范化建议", "Standardisation suggestions when it arrived"),
    "submissions.no_suggestions": (
        "没有建议：与登记处现有记录没有出入。",
        "No suggestion: nothing differs from what the registry holds.",
    ),
    "submissions.applied": (
        "已将建议填入修改表单：{field}。",
        "Suggestion taken into the correction form: {field}.",
    ),
    "submissions.taken": ("已填入修改表单", "In the correction form"),
    "submissions.apply.title": ("采用此标题", "Use this title"),
    "submissions.apply.ipi": ("填入 IPI {value}", "Fill in IPI {value}"),
    # suggestion kinds and their sentences
    "submissions.kind.title": ("标题", "Title"),
    "submissions.kind.iswc_missing": ("缺少 ISWC", "No ISWC"),
    "submissions.kind.iswc_held": ("ISWC 已被使用", "ISWC already held"),
    "submissions.kind.update": ("更新已有作品", "Update of a work"),
    "submissions.kind.ipi": ("可补充 IPI", "IPI found"),
    "submissions.kind.ipi_other_name": ("IPI 属于他人", "IPI of another name"),
    "submissions.kind.isrc_held": ("ISRC 已被使用", "ISRC already held"),
    "submissions.kind.duplicate": ("疑似重复", "Possible duplicate"),
    "submissions.suggest.title": ("建议将标题规范为“{value}”。", "Tidy the title to “{value}”."),
    "submissions.suggest.iswc_missing": (
        "没有 ISWC：可向提交方索取，或不带 ISWC 登记。",
        "No ISWC: ask the submitter for it, or register the work without one.",
    ),
    "submissions.suggest.iswc_held": (
        "此 ISWC 属于作品 {work}：接受后，这些申报将加到该作品上。",
        "This ISWC is work {work}'s: accepting adds these claims to it.",
    ),
    "submissions.suggest.update": (
        "提交方的此作品编号已对应作品 {work}：接受即更新该作品。",
        "The submitter's number already names work {work}: accepting updates that work.",
    ),
    "submissions.suggest.ipi": (
        "第 {n} 位词曲作者没有填写 IPI；登记处同名的 {party} 的 IPI 名称号为 {value}。",
        "Writer {n} has no IPI; {party}, of the same name, has IPI name number {value}.",
    ),
    "submissions.suggest.ipi_other_name": (
        "第 {n} 位词曲作者的 IPI 属于 {party}，登记名为“{name}”：请核对是否为同一人。",
        "Writer {n}'s IPI is {party}'s, registered as “{name}”: check it is the same person.",
    ),
    "submissions.suggest.isrc_held": (
        "第 {n} 个录音的 ISRC 已属于录音 {recording}。",
        "Recording {n}'s ISRC is recording {recording}'s already.",
    ),
    "submissions.suggest.duplicate": (
        "可能与作品 {work}（“{title}”）重复：标题相同。",
        "Probably a duplicate of work {work} (“{title}”): the same title.",
    ),
    "submissions.suggest.duplicate_writer": (
        "很可能与作品 {work}（“{title}”）重复：标题相同，且有共同的词曲作者“{writer}”。",
        "Probably a duplicate of work {work} (“{title}”): the same title and writer “{writer}”.",
    ),
    "submissions.suggest.other": ("请核对此栏：{field}。", "Check this field: {field}."),
    # deciding
    "submissions.decide": ("作出决定", "Decide"),
    "submissions.mode.accept": ("照原样接受", "Accept as sent"),
    "submissions.mode.correct": ("修改后接受", "Correct and accept"),
    "submissions.mode.reject": ("拒绝", "Reject"),
    "submissions.accept_help": (
        "按提交的原样，以 {submitter} 的名义登记此作品。",
        "Registers the work exactly as sent, in {submitter}'s name.",
    ),
    "submissions.accept": ("照原样接受", "Accept as sent"),
    "submissions.correct_help": (
        "修改下列内容后接受；表单中未列出的内容（时长、别名、录音、AI 声明）保持提交时的原样。修改会保留在"
        "本次会话中，刷新页面并重新登录后也可继续。",
        "Correct what is below, then accept; what the form does not show (duration, other titles, "
        "recordings, AI declaration) stays as sent. The correction is kept for this login, also "
        "after a refresh of the page.",
    ),
    "submissions.iswc_hint": ("如 T-034.524.680-1；没有则留空", "e.g. T-034.524.680-1; empty when none"),
    "submissions.language_help": (
        "歌词语言的 ISO 639-1 代码，两个字母（如中文 ZH、英文 EN）；纯音乐留空。",
        "The lyrics' language, two letters of ISO 639-1 (zh, en); empty for instrumental works.",
    ),
    "submissions.writers": ("词曲作者", "Writers"),
    "submissions.publishers": ("出版者", "Publishers"),
    "submissions.shares_help": (
        "份额为百分比，最多两位小数（50、33.33）；每项权利（表演权、复制权、同步权）所有词曲作者和出版者"
        "的份额合计为 100，或全部为 0（不主张此权利）。空行会被忽略。",
        "Shares are percent with at most 2 decimals (50, 33.33); per right (PR, MR, SR) the "
        "writers' and publishers' shares add up to 100, or are all 0 when the right is not "
        "claimed. Empty rows are left out.",
    ),
    "submissions.note": ("备注（可选：修改了什么、为什么）", "Note (optional: what was corrected and why)"),
    "submissions.reset": ("恢复为提交的原样", "Start again from the work as sent"),
    "submissions.changed": ("已有修改，尚未接受。", "Corrected, not accepted yet."),
    "submissions.accept_corrected": ("按修改后的内容接受", "Accept with these corrections"),
    "submissions.reason": ("拒绝理由（将告知提交方）", "Reason for rejecting (the submitter is told)"),
    "submissions.reason_hint": (
        "例如：本会不管理此作品的权利",
        "e.g. We do not administer this work's rights",
    ),
    "submissions.reject": ("拒绝此提交", "Reject the submission"),
    "submissions.accepted": ("{id} 已接受，登记为作品 {work}。", "{id} accepted: registered as work {work}."),
    "submissions.rejected": ("{id} 已拒绝。", "{id} rejected."),
    "submissions.next": ("已打开下一条待审核的提交 {id}。", "The next pending submission, {id}, is open."),
    "submissions.queue_done": ("队列中已没有待审核的提交。", "No submission is waiting any more."),
    "submissions.decided_before": (
        "{id} 已由 {by} 处理（{status}），本次操作未作任何更改。",
        "{id} was already decided by {by} ({status}); nothing was changed.",
    ),
    "submissions.refused_accept": ("登记处未接受此提交", "The registry did not accept the submission"),
    "submissions.refused_correction": ("登记处未接受修改", "The registry did not accept the correction"),
    "submissions.refused_reject": ("登记处未接受拒绝", "The registry did not accept the rejection"),
    "submissions.refused": ("{intro}：{reason}", "{intro}: {reason}"),
    "submissions.refused_field": ("{intro}。请核对“{field}”：{reason}", "{intro}. Check {field}: {reason}"),
    # a draft's faults, naming the field
    "submissions.bad.need": ("请填写“{field}”。", "Fill in {field}."),
    "submissions.bad.share": (
        "“{field}”：“{value}”不是 0 到 100 之间、最多两位小数的百分比（如 50 或 33.33）。",
        "{field}: “{value}” is not a percent from 0 to 100 with at most 2 decimals (e.g. 50 or 33.33).",
    ),
    "submissions.bad.ipi": (
        "“{field}”：“{value}”不是 IPI 名称号（9 至 11 位数字）。",
        "{field}: “{value}” is not an IPI name number (9 to 11 digits).",
    ),
    "submissions.bad.role": ("“{field}”：请选择角色。", "{field}: choose the role."),
    "submissions.bad.language": (
        "“{field}”：“{value}”不是两个字母的语言代码（如中文 ZH、英文 EN）。",
        "{field}: “{value}” is not a two-letter language code (zh, en).",
    ),
    "submissions.bad.total": (
        "“{field}”为 {total}：应为 100%（不主张此权利时全部为 0）。",
        "{field} come to {total}: they must make 100% (or all be 0 when the right is not claimed).",
    ),
    # fields, as problems and suggestions name them
    "submissions.field.file": ("整个文件", "The whole file"),
    "submissions.field.submitter_work_id": ("提交方作品编号", "Their work number"),
    "submissions.field.title": ("作品名称", "Title"),
    "submissions.field.iswc": ("ISWC", "ISWC"),
    "submissions.field.language": ("语言", "Language"),
    "submissions.field.duration": ("时长", "Duration"),
    "submissions.field.duration_seconds": ("时长", "Duration"),
    "submissions.field.alternate_titles": ("别名", "Other titles"),
    "submissions.field.alt_titles": ("别名", "Other titles"),
    "submissions.field.isrc": ("ISRC", "ISRC"),
    "submissions.field.recording_title": ("录音名称", "Recording title"),
    "submissions.field.artist": ("表演者", "Artist"),
    "submissions.field.recording_duration": ("录音时长", "Recording duration"),
    "submissions.field.ai": ("AI 声明", "AI declaration"),
    "submissions.field.ai_involvement": ("AI 参与", "AI involvement"),
    "submissions.field.ai_tool": ("AI 工具", "AI tool"),
    "submissions.field.ai_human_share": ("人类作者份额", "Human authors' share"),
    "submissions.field.human_share": ("人类作者份额", "Human authors' share"),
    "submissions.field.pr_share": ("表演权份额合计", "The performing right (PR) shares in all"),
    "submissions.field.mr_share": ("复制权份额合计", "The mechanical right (MR) shares in all"),
    "submissions.field.sr_share": ("同步权份额合计", "The synchronisation right (SR) shares in all"),
    "submissions.field.reason": ("拒绝理由", "Reason"),
    "submissions.field.note": ("备注", "Note"),
    "submissions.field.submitter": ("提交方", "Submitter"),
    "submissions.field.corrected": ("修改后的作品", "The corrected work"),
    "submissions.field.writer_n": ("第 {n} 位词曲作者", "Writer {n}"),
    "submissions.field.publisher_n": ("第 {n} 位出版者", "Publisher {n}"),
    "submissions.field.recording_n": ("第 {n} 个录音", "Recording {n}"),
    "submissions.party.name": ("姓名或名称", "name"),
    "submissions.party.ipi_name": ("IPI 名称号", "IPI name number"),
    "submissions.party.role": ("角色", "role"),
    "submissions.party.pr_share": ("表演权份额", "PR share"),
    "submissions.party.mr_share": ("复制权份额", "MR share"),
    "submissions.party.sr_share": ("同步权份额", "SR share"),
    "submissions.party.isrc": ("ISRC", "ISRC"),
    "submissions.party.title": ("录音名称", "title"),
    "submissions.party.artist": ("表演者", "artist"),
    "submissions.party.duration_seconds": ("时长", "duration"),
    # roles as the template and CWR write them
    "submissions.role_with_code": ("{words}（{code}）", "{words} ({code})"),
    "submissions.role.CA": ("词曲", "composer and lyricist"),
    "submissions.role.C": ("作曲", "composer"),
    "submissions.role.A": ("作词", "lyricist"),
    "submissions.role.AR": ("编曲", "arranger"),
    "submissions.role.AD": ("改编", "adapter"),
    "submissions.role.SA": ("次级作者", "sub-author"),
    "submissions.role.SR": ("次级编曲", "sub-arranger"),
    "submissions.role.TR": ("译配", "translator"),
    "submissions.role.E": ("原出版者", "original publisher"),
    "submissions.role.SE": ("次级出版者", "sub-publisher"),
    "submissions.role.AM": ("管理者", "administrator"),
    "submissions.role.PA": ("收益参与方", "income participant"),
    "submissions.role.ES": ("替代出版者", "substituted publisher"),
    # the registry's refusals, worded in Chinese (English shows the registry's own sentence)
    "submissions.refusal.sent_before": (
        "此文件此前已提交过，没有新内容。",
        "This file was sent before; nothing new.",
    ),
    "submissions.refusal.already": ("{id} 此前已处理（{status}），保持原状。", "{id} is already {status}."),
    "submissions.refusal.unknown": ("没有提交 {id}。", "There is no submission {id}."),
    "submissions.refusal.not_an_id": ("不是提交号（应为 SUB-n）。", "Not a submission number (SUB-n)."),
    "submissions.refusal.need_number": (
        "未填写：每部作品都需要提交方自己的作品编号。",
        "Empty: every work needs the submitter's own work number.",
    ),
    "submissions.refusal.need_title": (
        "未填写：每部作品都需要作品名称。",
        "Empty: every work needs its title.",
    ),
    "submissions.refusal.number_twice": (
        "作品编号“{value}”与第 {line} 行重复。",
        "The work number “{value}” is also the one on line {line}.",
    ),
    "submissions.refusal.total": (
        "词曲作者和出版者的份额合计为 {total}，应为 100%（不主张此权利时为 0）。",
        "The writers' and publishers' shares add up to {total}, not 100% (or 0 when not claimed).",
    ),
    "submissions.refusal.iswc": (
        "“{value}”不是有效的 ISWC（如 T-034.524.680-1）。",
        "“{value}” is not an ISWC.",
    ),
    "submissions.refusal.isrc": (
        "“{value}”不是有效的 ISRC（如 CN-A01-26-00001）。",
        "“{value}” is not an ISRC.",
    ),
    "submissions.refusal.ipi": (
        "“{value}”不是有效的 IPI 名称号（9 至 11 位数字，校验位须正确）。",
        "“{value}” is not an IPI name number.",
    ),
    "submissions.refusal.share": (
        "“{value}”不是有效的份额：应为 0 到 100 之间、最多两位小数的百分比（如 50 或 33.33）。",
        "“{value}” is not a share: a percent from 0 to 100 with at most 2 decimals.",
    ),
    "submissions.refusal.share_whole": (
        "份额应在 0 到 100% 之间。",
        "A share is between 0 and 100%.",
    ),
    "submissions.refusal.duration": (
        "不是有效的时长：应为秒数（245）、分:秒（4:05）或 时:分:秒（0:04:05）。",
        "Not a duration: seconds (245), m:ss (4:05) or h:mm:ss (0:04:05).",
    ),
    "submissions.refusal.language": (
        "不是语言代码：应为 ISO 639-1 的两个字母，如中文 ZH、英文 EN。",
        "Not a language code: two letters of ISO 639-1, such as zh or en.",
    ),
    "submissions.refusal.role": (
        "角色不在模板允许的范围内（词曲作者：CA、C、A、AR、AD；出版者：E、SE、AM）。",
        "Not one of the template's roles (writers CA, C, A, AR, AD; publishers E, SE, AM).",
    ),
    "submissions.refusal.ai": (
        "AI 参与应为“无”“辅助”或“生成”。",
        "AI involvement is none, assisted or generated.",
    ),
    "submissions.refusal.human_share": (
        "人类作者份额与 AI 参与不一致（辅助时填写；生成时为 0 或留空；无 AI 时为 100 或留空）。",
        "The human authors' share does not fit the AI involvement declared.",
    ),
    "submissions.refusal.ai_tool": (
        "填写了 AI 工具，但 AI 参与为空或为“无”。",
        "An AI tool is given, but the AI involvement is empty or none.",
    ),
    "submissions.refusal.no_name": (
        "填写了此方的其他信息，却没有姓名或名称。",
        "Facts of this party are given, but not its name.",
    ),
    "submissions.refusal.need_reason": ("请说明拒绝的理由。", "Say why the submission is rejected."),
    "submissions.refusal.other": (
        "登记处不接受此处的内容，请对照空白模板的填写说明核对。",
        "The registry does not take this value; check it against the blank template's notes.",
    ),
}
