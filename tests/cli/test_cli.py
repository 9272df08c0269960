"""The command line as a user runs it: init, record via the demo, checkpoint, proof, verify."""

import hashlib
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from ledger import Signer
from registry.ledger_writer import record
from rightsledger.cli import app
from rightsledger.context import unit_of_work
from rightsledger.keys import KeyFileError, create_log_key, load_log_key
from rightsledger.settings import load_settings

runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_init_anchor_proof_verify_round_trip(env) -> None:
    code, out = _run("init")
    assert code == 0, out
    vkey = (env / "data" / "keys" / "log.vkey").read_text().strip()
    assert vkey in out.replace("\n", "")
    key_mode = stat.S_IMODE(os.stat(env / "data" / "keys" / "log.key").st_mode)
    assert key_mode == 0o600

    with unit_of_work(load_settings()) as session:
        record(session, "work", "W-1", {"title": "甜蜜蜜"})
        record(session, "member", "M-1", {"name": "x"})
    code, out = _run("anchor")
    assert code == 0 and "anchored tree size 2 as checkpoint 0" in out, out
    code, out = _run("anchor")
    assert code == 0 and "nothing new to anchor" in out

    assert _run("proof", "W-1", "-o", "w.rlproof")[0] == 0
    # The local verifier key is found by default; without a chain the verdict is not proven (exit 2).
    code, out = _run("verify", "w.rlproof")
    assert code == 2 and "NOT PROVEN: on-chain checkpoint not checked: no chain was given" in out, out
    code, out = _run("verify", "w.rlproof", "--offline")
    assert code == 0 and "PROVEN offline: the on-chain steps were turned off" in out, out
    code, out = _run("verify", "w.rlproof", "--json", "--vkey", vkey)
    report = json.loads(out)
    assert code == 2 and report["verdict"] == "not proven" and not report["valid"]
    assert [(s["step"], s["outcome"]) for s in report["steps"]] == [
        ("leaf hash", "passed"),
        ("inclusion", "passed"),
        ("note signature", "passed"),
        ("on-chain checkpoint", "not checked"),
        ("contract verifyInclusion", "not checked"),
        ("anchor transaction", "not checked"),
    ]
    code, out = _run("verify", "w.rlproof", "--chain", "embedded", "--json")
    report = json.loads(out)
    assert code == 0 and report["verdict"] == "proven", report
    assert [(s["step"], s["outcome"]) for s in report["steps"]][3:] == [
        ("on-chain checkpoint", "passed"),
        ("contract verifyInclusion", "passed"),
        ("anchor transaction", "passed"),
    ]

    assert _run("proof", "M-1", "--format", "tlog-proof", "-o", "m.tlog-proof")[0] == 0
    assert (env / "m.tlog-proof").read_text().startswith("c2sp.org/tlog-proof@v1\n")
    assert _run("verify", "m.tlog-proof", "--offline")[0] == 0


def test_verify_without_an_installation_writes_nothing_and_trusts_no_one(env, monkeypatch) -> None:
    _run("init")
    with unit_of_work(load_settings()) as session:
        record(session, "work", "W-1", {"title": "x"})
    _run("anchor")
    _run("proof", "W-1", "-o", "w.rlproof")
    vkey = (env / "data" / "keys" / "log.vkey").read_text().strip()
    stranger = env / "stranger"  # a folder of someone holding only the proof file
    stranger.mkdir()
    (stranger / "w.rlproof").write_text((env / "w.rlproof").read_text())
    monkeypatch.chdir(stranger)
    monkeypatch.delenv("RIGHTS_DATA_DIR")  # the default: .rightsledger in the current folder
    code, out = _run("verify", "w.rlproof", "--json")
    report = json.loads(out)
    assert code == 2 and report["verdict"] == "not proven", report
    signature = next(s for s in report["steps"] if s["step"] == "note signature")
    assert signature["outcome"] == "not checked" and "no trusted log identity" in signature["detail"]
    code, out = _run("verify", "w.rlproof", "--vkey", vkey)
    assert code == 2 and "no chain was given" in out, out
    assert [p.name for p in stranger.iterdir()] == ["w.rlproof"]  # no .rightsledger/ left behind


def test_verify_names_the_failing_step_and_exits_1(env) -> None:
    _run("init")
    with unit_of_work(load_settings()) as session:
        record(session, "license", "L-1", {"status": "active"})
    _run("anchor")
    _run("proof", "L-1", "-o", "l.rlproof")
    doc = json.loads((env / "l.rlproof").read_text())
    doc["entry"]["body"]["status"] = "revoked"
    (env / "bad.rlproof").write_text(json.dumps(doc))
    code, out = _run("verify", "bad.rlproof")
    assert code == 1 and "INVALID at step: leaf hash" in out
    other = Signer.generate("rightsledger.example/log").verifier().vkey
    code, out = _run("verify", "l.rlproof", "--vkey", other)
    assert code == 1 and "note signature" in out
    (env / "junk.rlproof").write_text("{not json")
    code, out = _run("verify", "junk.rlproof")
    assert code == 1 and "not a JSON proof file" in out


def test_proof_of_an_unknown_or_unanchored_entry_is_a_clear_error(env) -> None:
    _run("init")
    code, out = _run("proof", "W-404")
    assert code == 1 and "no entry with id 'W-404'" in out
    with unit_of_work(load_settings()) as session:
        record(session, "work", "W-2", {"title": "x"})
    code, out = _run("proof", "W-2")
    assert code == 1 and "not in the log yet" in out


def test_commands_before_init_say_so(env) -> None:
    code, out = _run("anchor")
    assert code == 1 and "rightsledger init" in out


def test_encrypted_log_key(tmp_path) -> None:
    path = tmp_path / "log.key"
    signer = create_log_key(path, "cmo.example/log", passphrase="correct horse")
    text = path.read_text()
    # the whole key material (base64 may itself hold "+": split off the four fields before it)
    secret = signer.skey.split("+", 4)[4]
    assert "PRIVATE+KEY" not in text and secret not in text
    assert load_log_key(path, "correct horse").skey == signer.skey
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        load_log_key(path, "wrong")
    with pytest.raises(KeyFileError, match="encrypted"):
        load_log_key(path, None)
    with pytest.raises(KeyFileError, match="already exists"):
        create_log_key(path, "cmo.example/log")


def test_verify_json_reports_an_unreachable_chain_as_json(env) -> None:
    _run("init")
    with unit_of_work(load_settings()) as session:
        record(session, "work", "W-9", {"title": "[bold]x[/bold]"})
    _run("anchor")
    _run("proof", "W-9", "-o", "w.rlproof")
    code, out = _run("verify", "w.rlproof", "--chain", "http://127.0.0.1:9", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["valid"] is False and "127.0.0.1:9" in doc["error"]
    code, out = _run("verify", "w.rlproof", "--offline")
    assert code == 0 and "PROVEN" in out


def test_import_cwr_reports_and_is_idempotent(env) -> None:
    from tests.paths import SAMPLES

    _run("init")
    sample = SAMPLES / "cwr" / "revexample.V21"
    code, out = _run("import", "cwr", str(sample), "--json")
    report = json.loads(out)
    assert code == 0 and (report["transactions"], report["accepted"], report["works_created"]) == (2, 2, 2)
    code, out = _run("import", "cwr", str(sample))
    assert code == 0 and "already imported" in out
    broken = env / "broken.V21"
    broken.write_bytes(b"\r\n".join(sample.read_bytes().splitlines()[:-1]) + b"\r\n")
    code, out = _run("import", "cwr", str(broken))
    assert code == 1 and "error:" in out and "TRL" in out
    code, out = _run("anchor")
    assert code == 0 and "anchored" in out


def test_cwr_files_are_listed_and_acknowledged(env, monkeypatch) -> None:
    from registry.cwr import parse_cwr
    from tests.paths import SAMPLES

    monkeypatch.setenv("RIGHTS_SOCIETY_CODE", "88")
    _run("init")
    sample = SAMPLES / "cwr" / "revexample.V21"
    _run("import", "cwr", str(sample))
    sha = hashlib.sha256(sample.read_bytes()).hexdigest()
    code, out = _run("cwr", "files")
    assert code == 0 and "1-1 of 1" in out and sha[:16] in out
    code, out = _run("cwr", "ack", sha[:10])
    assert code == 0 and "2 transactions acknowledged" in out, out
    back = parse_cwr((env / "revexample.ack.V21").read_bytes(), name="ack")
    assert (back.sender_type, back.sender_id) == ("SO", "000000088")
    assert [t.ack.status for t in back.transactions if t.ack] == ["AS", "AS"]
    code, out = _run("cwr", "ack", sha[:10], "--out", str(env / "answer.V21"))
    assert code == 0 and (env / "answer.V21").read_bytes()[:3] == b"HDR"
    code, out = _run("cwr", "ack", "0123456789")
    assert code == 1 and "no CWR file received" in out
