"""The portal's words: a licensee's own account (licenses, invoices, contracts and signing).
key: (Chinese, English); placeholders use str.format names."""

STRINGS: dict[str, tuple[str, str]] = {
    "licensee.intro": (
        "以被许可方身份登录，查看您的许可、账单（已付与欠款）和电子合同，并用您自己的密钥签署合同。",
        "Log in as a licensee to see your licenses, invoices (paid and owed) and e-contracts, and "
        "sign a contract with your own key.",
    ),
    "licensee.licenses": ("我的许可", "My licenses"),
    "licensee.invoices": ("我的账单", "My invoices"),
    "licensee.contracts": ("我的合同", "My contracts"),
    "licensee.no_licenses": ("暂无许可。", "No licenses yet."),
    "licensee.no_invoices": ("暂无账单。", "No invoices yet."),
    "licensee.no_contracts": ("暂无合同。", "No contracts yet."),
    "licensee.total_amount": ("账单合计", "Invoiced"),
    "licensee.total_paid": ("已付", "Paid"),
    "licensee.total_balance": ("欠款", "Owed"),
    "licensee.more_invoices": (
        "以上合计为前 {shown} 张账单（共 {total} 张）。",
        "The totals above are of the first {shown} invoices ({total} in all).",
    ),
    "licensee.col.number": ("编号", "Number"),
    "licensee.col.kind": ("类别", "Kind"),
    "licensee.col.city": ("城市", "City"),
    "licensee.col.valid_from": ("生效日", "Valid from"),
    "licensee.col.valid_to": ("到期日", "Valid to"),
    "licensee.col.status": ("状态", "Status"),
    "licensee.col.status_on": ("状态日期", "Status since"),
    "licensee.col.reason": ("原因", "Reason"),
    "licensee.col.license": ("许可", "License"),
    "licensee.col.period": ("期间", "Period"),
    "licensee.col.source": ("来源", "Source"),
    "licensee.col.amount": ("金额", "Amount"),
    "licensee.col.paid": ("已付", "Paid"),
    "licensee.col.balance": ("欠款", "Balance"),
    "licensee.col.issued": ("开具日", "Issued"),
    "licensee.col.due": ("到期付款日", "Due"),
    "licensee.col.payment": ("付款状态", "Payment"),
    "licensee.pay.paid": ("已付清", "paid"),
    "licensee.pay.partly": ("部分已付", "partly paid"),
    "licensee.pay.unpaid": ("未付", "unpaid"),
    "licensee.contract": (
        "合同 {number} · 许可 {license} · {state}",
        "Contract {number} · license {license} · {state}",
    ),
    "licensee.state.signed": ("双方已签署", "signed by both"),
    "licensee.state.awaiting_you": ("待您签署", "awaiting your signature"),
    "licensee.state.awaiting_cmo": ("待协会签署", "awaiting the society's signature"),
    "licensee.no_license": ("—", "—"),
    "licensee.document": ("合同文本", "Document"),
    "licensee.document_hash": ("文本 SHA-256", "Document SHA-256"),
    "licensee.terms": ("主要条款", "Key terms"),
    "licensee.term": ("条款", "Term"),
    "licensee.value": ("内容", "Value"),
    "licensee.signed_by_cmo": ("协会签署时间", "Signed by the society"),
    "licensee.signed_by_you": ("您的签署时间", "Signed by you"),
    "licensee.not_signed": ("未签署", "not signed"),
    "licensee.how_to_sign": (
        "您的私钥不会离开您的电脑：先下载待签内容（一字不改），在本机用命令行签名，再上传签名文件。",
        "Your private key never leaves your computer: download the payload (unchanged), sign it on "
        "your machine with the command line, then upload the signature file.",
    ),
    "licensee.step_download": ("1. 下载待签内容", "1. Download the payload"),
    "licensee.step_sign": ("2. 在本机签名：", "2. Sign it on your machine:"),
    "licensee.step_upload": (
        "3. 上传签名文件（或粘贴 Base64 签名）",
        "3. Upload the signature file (or paste the base64 signature)",
    ),
    "licensee.download_payload": ("下载待签内容", "Download the payload"),
    "licensee.signature_file": ("签名文件", "Signature file"),
    "licensee.signature_text": ("或粘贴签名（Base64）", "Or paste the signature (base64)"),
    "licensee.send": ("提交签名", "Send the signature"),
    "licensee.no_signature": (
        "请上传签名文件或粘贴签名。",
        "Upload a signature file or paste the signature.",
    ),
    "licensee.sig_unreadable": (
        "无法读取签名：应为 64 字节的 Ed25519 签名，或其 Base64 文本。",
        "The signature cannot be read: it should be a 64-byte Ed25519 signature, or its base64 text.",
    ),
    "licensee.sig_refused": (
        "签名未被接受：它不能用您登记的公钥在此合同的待签内容上验证通过。请确认使用的是登记的私钥，且待签内容未被改动。",
        "The signature was refused: it does not verify over this contract's payload with your "
        "registered key. Check that you signed with your registered key and the payload unchanged.",
    ),
    "licensee.sig_other": ("签名未被接受：{detail}", "The signature was not accepted: {detail}"),
    "licensee.signed_now": (
        "签名已验证并记录：合同 {number} 双方均已签署。",
        "Signature verified and recorded: contract {number} is signed by both parties.",
    ),
    # key terms of a contract (others are shown as written)
    "licensee.term.tariff": ("费率标准", "tariff"),
    "licensee.term.valid_from": ("生效日", "valid from"),
    "licensee.term.valid_to": ("到期日", "valid to"),
    "licensee.term.payment_terms_days": ("付款期限（天）", "payment terms (days)"),
    "licensee.term.annual_fee_fen": ("年费", "annual fee"),
    "licensee.term.rooms": ("包房数", "rooms"),
    # signing in the browser (WebCrypto): the key file is read there and sent nowhere
    "licensee.or_browser": (
        "或者直接在本浏览器中签名：选择您的私钥文件（PEM，未加密），签名只在您的浏览器中完成，私钥不会被发送到任何地方；再把得到的签名粘贴到下面。",
        "Or sign in this browser: pick your private key file (PEM, not encrypted); the signing happens "
        "in your browser only and the key is sent nowhere; then paste the signature below.",
    ),
    "signer.pick": ("您的私钥文件（PEM）", "Your private key file (PEM)"),
    "signer.sign": ("在浏览器中签名", "Sign in this browser"),
    "signer.done": (
        "已签名：复制上面的签名，粘贴到下面的输入框。",
        "Signed: copy the signature above into the box below.",
    ),
    "signer.no_key": ("请先选择私钥文件。", "Pick your private key file first."),
    "signer.not_pem": ("这不是 PEM 格式的私钥文件。", "This is not a PEM private key file."),
    "signer.encrypted": (
        "此私钥已加密：请用命令行签名（rightsledger contracts sign-payload）。",
        "This key is encrypted: sign with the command line (rightsledger contracts sign-payload).",
    ),
    "signer.not_ed25519": (
        "无法用此文件签名：它不是 Ed25519 私钥。",
        "Cannot sign with this file: it is not an Ed25519 private key.",
    ),
    "signer.no_webcrypto": (
        "此浏览器不支持 Ed25519 签名：请用命令行签名。",
        "This browser cannot make Ed25519 signatures: sign with the command line.",
    ),
}
