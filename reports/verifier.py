"""The offline verification page: one self-contained ``index.html`` anyone can open.

It holds the department's public key and the register of issued certificates (code, recipient,
award, status valid/withdrawn/draft with its date). Opened with the URL from a certificate's
QR code (``index.html#<facts>.<signature>``, from disk or any static web host), it checks the
signature over the facts with the browser's Web Crypto, shows the facts in Thai (English on a
switch) and the register's standing, and says plainly when the signature fails, the code is
unknown or the certificate was withdrawn. A typed short code is looked up in the register.
No script, font or request leaves the file.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from evaluator.services.certificate_register import RegisterRow

PAGE_FILE = "index.html"


def key_algorithm(public_key_der: bytes) -> str:
    """``ECDSA-P256`` or ``RSA`` for the page's Web Crypto import."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    key = load_der_public_key(public_key_der)
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1":
        return "ECDSA-P256"
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    raise ValueError("the verification page needs a P-256 or RSA key")


def page_data(
    public_key_der: bytes,
    signer: str,
    signer_sha256: str,
    rows: Sequence[RegisterRow],
    made_at: datetime,
) -> dict[str, object]:
    """What the page carries: the key, who it belongs to, and the register."""
    return {
        "key": base64.b64encode(public_key_der).decode("ascii"),
        "alg": key_algorithm(public_key_der),
        "signer": signer,
        "signer_sha256": signer_sha256,
        "made_at": made_at.date().isoformat(),
        "register": [
            {
                "code": r.entry.code,
                "recipient": r.entry.recipient,
                "kind": r.entry.kind,
                "tambon": r.entry.tambon_code,
                "award": r.entry.award,
                "zone": r.entry.zone,
                "prize": r.entry.prize_baht,
                "issued_on": r.entry.issued_on,
                "contest": r.entry.contest_code,
                "round": r.entry.round_code,
                "status": r.status,
                "since": r.since.date().isoformat() if r.since else None,
            }
            for r in rows
            if r.entry.signer_sha256 in ("", signer_sha256)
        ],
    }


def render_page(data: dict[str, object]) -> str:
    """The page's HTML with ``data`` embedded (``</`` escaped so no string ends the script)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        _TEMPLATE.replace("@@DATA@@", payload)
        .replace("@@SIGNER@@", html.escape(str(data["signer"])))
        .replace("@@FINGERPRINT@@", html.escape(str(data["signer_sha256"])))
    )


def write_verifier(out_dir: Path, data: dict[str, object]) -> Path:
    """Write ``index.html`` into ``out_dir`` (atomically) and return its path."""
    from evaluator.files import write_bytes

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / PAGE_FILE
    write_bytes(path, render_page(data).encode("utf-8"))
    return path


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>ตรวจสอบเกียรติบัตร กรมการพัฒนาชุมชน</title>
<style>
body{font-family:"Sarabun","Noto Sans Thai","Leelawadee UI","Tahoma",sans-serif;margin:0;
background:#f4f1e8;color:#222;line-height:1.6}
header{background:#1b2f5b;color:#fff;padding:14px 20px;display:flex;justify-content:space-between;
align-items:center;flex-wrap:wrap;gap:8px}
header h1{font-size:1.25rem;margin:0}
main{max-width:760px;margin:20px auto;padding:0 16px}
.card{background:#fff;border:1px solid #d8cfb3;border-radius:8px;padding:18px 20px;margin-bottom:16px}
#verdict{font-size:1.2rem;font-weight:bold;padding:14px 18px;border-radius:8px;margin-bottom:16px}
#verdict[data-status=valid]{background:#dff3e2;color:#145a2b;border:2px solid #2e8b57}
#verdict[data-status=withdrawn],#verdict[data-status=bad-signature],#verdict[data-status=malformed]
{background:#fde4e1;color:#8b1a10;border:2px solid #b22222}
#verdict[data-status=unknown-code],#verdict[data-status=draft]{background:#fff1cc;color:#6b4700;
border:2px solid #e0a100}
#verdict[data-status=none]{background:#eef3fb;color:#1b2f5b;border:1px solid #9fb3d9}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dt{color:#666}dd{margin:0;font-weight:600}
button,input{font:inherit}
input{padding:6px 8px;border:1px solid #aaa;border-radius:4px;text-transform:uppercase;width:14em}
button{padding:6px 14px;border-radius:4px;border:1px solid #1b2f5b;background:#1b2f5b;color:#fff;
cursor:pointer}
#lang{background:#fff;color:#1b2f5b}
small{color:#666}
.mono{font-family:ui-monospace,Consolas,monospace;font-size:.85em;word-break:break-all}
</style>
</head>
<body>
<header><h1 data-t="title"></h1><button id="lang" type="button">English</button></header>
<main>
<div id="verdict" data-status="none" role="status"></div>
<div class="card" id="facts-card" hidden><dl id="facts"></dl></div>
<div class="card">
<form id="lookup"><label for="code" data-t="typeCode"></label><br>
<input id="code" autocomplete="off" placeholder="XXXX-XXXX-XXXX" maxlength="20">
<button type="submit" data-t="check"></button></form>
</div>
<div class="card"><small><span data-t="about"></span><br>
<span data-t="keyOf"></span> @@SIGNER@@<br>
SHA-256 <span class="mono">@@FINGERPRINT@@</span><br>
<span data-t="madeAt"></span> <span id="made-at"></span></small></div>
</main>
<script type="application/json" id="data">@@DATA@@</script>
<script>
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const T = {
  th: {
    title: "ตรวจสอบเกียรติบัตร กรมการพัฒนาชุมชน",
    lang: "English",
    typeCode: "หรือกรอกรหัสตรวจสอบที่พิมพ์ใต้คิวอาร์โค้ด",
    check: "ตรวจสอบ",
    about: "หน้านี้ตรวจสอบได้โดยไม่ต้องใช้อินเทอร์เน็ต: ตรวจลายมือชื่อด้วยกุญแจสาธารณะของกรมที่อยู่ในหน้านี้ และตรวจสถานะจากทะเบียนเกียรติบัตรที่ออกแล้ว",
    keyOf: "กุญแจของ",
    madeAt: "ทะเบียนเกียรติบัตร ณ วันที่",
    none: "สแกนคิวอาร์โค้ดบนเกียรติบัตร หรือกรอกรหัสตรวจสอบ",
    checking: "กำลังตรวจสอบ…",
    valid: "เกียรติบัตรถูกต้อง: ลายมือชื่อของกรมถูกต้อง และยังมีผลตามทะเบียน",
    validTyped: "พบรหัสนี้ในทะเบียน: เกียรติบัตรยังมีผล (ตรวจจากทะเบียน เทียบข้อมูลกับเกียรติบัตรที่ถืออยู่)",
    withdrawn: "เกียรติบัตรนี้ถูกเพิกถอนแล้ว",
    withdrawnSince: "เมื่อวันที่",
    draft: "เป็นฉบับร่าง ไม่ใช่เกียรติบัตรที่รับรอง",
    unknownCode: "ลายมือชื่อถูกต้อง แต่ไม่พบรหัสนี้ในทะเบียนของหน้านี้ (หน้านี้อาจเก่ากว่าเกียรติบัตร โปรดสอบถามกรม)",
    unknownTyped: "ไม่พบรหัสตรวจสอบนี้ในทะเบียน",
    badSignature: "ลายมือชื่อไม่ถูกต้อง: ข้อมูลในคิวอาร์โค้ดถูกแก้ไขหรือไม่ได้ออกโดยกรม ไม่ใช่เกียรติบัตรจริง",
    malformed: "คิวอาร์โค้ดนี้ไม่ใช่ของเกียรติบัตรของกรม",
    noCrypto: "เบราว์เซอร์นี้ตรวจลายมือชื่อไม่ได้ (ไม่มี Web Crypto)",
    recipient: "ผู้ได้รับ", award: "รางวัล", zone: "เขตตรวจราชการที่", amount: "เงินรางวัล",
    date: "ให้ไว้ ณ วันที่", round: "การประกวด / รอบ", result: "รหัสผลการประเมิน",
    code: "รหัสตรวจสอบ", status: "สถานะ", tambon: "รหัสตำบล", leader: "ผู้นำการเปลี่ยนแปลง",
    baht: "บาท", statusValid: "มีผล", statusWithdrawn: "ถูกเพิกถอน", statusDraft: "ฉบับร่าง",
    statusUnknown: "ไม่พบในทะเบียน"
  },
  en: {
    title: "Certificate check — Community Development Department",
    lang: "ภาษาไทย",
    typeCode: "or type the verification code printed under the QR code",
    check: "Check",
    about: "This page works offline: it checks the signature with the department's public key it carries, and the standing in the register of issued certificates.",
    keyOf: "Key of",
    madeAt: "Register as of",
    none: "Scan the QR code on the certificate, or type its verification code",
    checking: "Checking…",
    valid: "Genuine certificate: the department's signature is valid and the register lists it as valid",
    validTyped: "This code is in the register: the certificate is valid (checked in the register; compare the details with the paper)",
    withdrawn: "This certificate has been WITHDRAWN",
    withdrawnSince: "on",
    draft: "A DRAFT, not a certified certificate",
    unknownCode: "The signature is valid, but this code is not in this page's register (the page may be older than the certificate: ask the department)",
    unknownTyped: "This verification code is not in the register",
    badSignature: "The signature does NOT verify: the QR code's data was altered or not issued by the department. Not a genuine certificate",
    malformed: "This QR code is not one of the department's certificates",
    noCrypto: "This browser cannot check signatures (no Web Crypto)",
    recipient: "Recipient", award: "Award", zone: "Inspection zone", amount: "Prize",
    date: "Given on", round: "Contest / round", result: "Result code",
    code: "Verification code", status: "Status", tambon: "Tambon code", leader: "Change leader",
    baht: "baht", statusValid: "valid", statusWithdrawn: "withdrawn", statusDraft: "draft",
    statusUnknown: "not in the register"
  }
};
let lang = "th";
let state = {status: "none", facts: null, entry: null, code: null, typed: false};
const FIELDS = ["format", "kind", "recipient", "tambon_code", "award", "zone", "prize_baht",
  "issued_on", "contest", "round", "result", "leader"];

function b64urlBytes(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}
function base32(bytes) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { out += abc[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += abc[(value << (5 - bits)) & 31];
  return out;
}
async function codeOf(signature) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", signature));
  const text = base32(digest).slice(0, 12);
  return text.slice(0, 4) + "-" + text.slice(4, 8) + "-" + text.slice(8, 12);
}
function readFacts(bytes) {
  const tag = String.fromCharCode(bytes[0], bytes[1]);
  const text = new TextDecoder(tag === "C1" ? "windows-874" : "utf-8", {fatal: true}).decode(bytes);
  const parts = text.split("|");
  if (parts.length !== FIELDS.length || (parts[0] !== "C1" && parts[0] !== "U1")) {
    throw new Error("not facts");
  }
  const facts = {};
  FIELDS.forEach((name, i) => { facts[name] = parts[i]; });
  return facts;
}
async function checkSignature(facts, signature) {
  const der = b64urlBytes(DATA.key.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  if (DATA.alg === "ECDSA-P256") {
    const key = await crypto.subtle.importKey("spki", der, {name: "ECDSA", namedCurve: "P-256"},
      false, ["verify"]);
    return crypto.subtle.verify({name: "ECDSA", hash: "SHA-256"}, key, signature, facts);
  }
  const key = await crypto.subtle.importKey("spki", der,
    {name: "RSASSA-PKCS1-v1_5", hash: "SHA-256"}, false, ["verify"]);
  return crypto.subtle.verify({name: "RSASSA-PKCS1-v1_5"}, key, signature, facts);
}
function findEntry(code) {
  return DATA.register.find((e) => e.code === code) || null;
}
function thaiDigits(text) {
  return lang === "th" ? String(text).replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[d]) : String(text);
}
function showDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3").split("-").map(Number);
  const when = new Date(Date.UTC(y, m - 1, d));
  try {
    const locale = lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB";
    return thaiDigits(new Intl.DateTimeFormat(locale, {dateStyle: "long", timeZone: "UTC"}).format(when));
  } catch (e) {
    return thaiDigits(iso);
  }
}
function money(value) {
  return thaiDigits(Number(value).toLocaleString("en-US")) + " " + T[lang].baht;
}
function statusWord(status) {
  const t = T[lang];
  return {valid: t.statusValid, withdrawn: t.statusWithdrawn, draft: t.statusDraft}[status] || t.statusUnknown;
}
function render() {
  const t = T[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t[el.dataset.t]; });
  document.getElementById("lang").textContent = t.lang;
  document.getElementById("made-at").textContent = showDate(DATA.made_at);
  const verdict = document.getElementById("verdict");
  verdict.dataset.status = state.status;
  let text = {
    none: t.none, checking: t.checking, valid: state.typed ? t.validTyped : t.valid,
    withdrawn: t.withdrawn, draft: t.draft,
    "unknown-code": state.typed ? t.unknownTyped : t.unknownCode,
    "bad-signature": t.badSignature, malformed: t.malformed, "no-crypto": t.noCrypto
  }[state.status] || t.none;
  if (state.status === "withdrawn" && state.entry && state.entry.since) {
    text += " " + t.withdrawnSince + " " + showDate(state.entry.since);
  }
  verdict.textContent = text;
  const card = document.getElementById("facts-card");
  const list = document.getElementById("facts");
  list.replaceChildren();
  const rows = [];
  const f = state.facts, e = state.entry;
  if (f) {
    rows.push([t.recipient, f.recipient + (f.kind.startsWith("l") ? " (" + t.leader + ")" : "")]);
    rows.push([t.award, f.award + (f.zone ? " " + t.zone + " " + thaiDigits(f.zone) : "")]);
    rows.push([t.amount, money(f.prize_baht)]);
    rows.push([t.date, showDate(f.issued_on)]);
    rows.push([t.round, f.contest + " / " + f.round]);
    rows.push([t.tambon, f.tambon_code]);
    rows.push([t.result, f.result || "–"]);
  } else if (e) {
    rows.push([t.recipient, e.recipient + (e.kind === "leader" ? " (" + t.leader + ")" : "")]);
    rows.push([t.award, e.award + (e.zone ? " " + t.zone + " " + thaiDigits(e.zone) : "")]);
    rows.push([t.amount, money(e.prize)]);
    rows.push([t.date, showDate(e.issued_on)]);
    rows.push([t.round, e.contest + " / " + e.round]);
    rows.push([t.tambon, e.tambon]);
  }
  if (state.code) rows.push([t.code, state.code]);
  if (f || e) rows.push([t.status, e ? statusWord(e.status) : t.statusUnknown]);
  for (const [name, value] of rows) {
    const dt = document.createElement("dt"); dt.textContent = name;
    const dd = document.createElement("dd"); dd.textContent = value;
    list.append(dt, dd);
  }
  card.hidden = rows.length === 0;
}
function verdictOf(entry) {
  if (!entry) return "unknown-code";
  return entry.status === "valid" ? "valid" : entry.status === "draft" ? "draft" : "withdrawn";
}
async function fromFragment() {
  const fragment = decodeURIComponent(location.hash.replace(/^#/, ""));
  state = {status: "none", facts: null, entry: null, code: null, typed: false};
  const typed = new URLSearchParams(location.search).get("code");
  if (!fragment && typed) { document.getElementById("code").value = typed; lookUp(typed); return; }
  if (!fragment) { render(); return; }
  if (!(window.crypto && crypto.subtle)) { state.status = "no-crypto"; render(); return; }
  state.status = "checking"; render();
  let facts, signature, values;
  try {
    const [a, b] = fragment.split(".");
    facts = b64urlBytes(a); signature = b64urlBytes(b);
    values = readFacts(facts);
  } catch (err) {
    state.status = "malformed"; render(); return;
  }
  let ok = false;
  try { ok = await checkSignature(facts, signature); } catch (err) { ok = false; }
  if (!ok) { state.status = "bad-signature"; render(); return; }
  state.facts = values;
  state.code = await codeOf(signature);
  state.entry = findEntry(state.code);
  state.status = values.kind.endsWith("d") ? "draft" : verdictOf(state.entry);
  render();
}
function fromTyped(event) {
  event.preventDefault();
  lookUp(document.getElementById("code").value);
}
function lookUp(typed) {
  const text = typed.toUpperCase().replace(/[^A-Z2-7]/g, "");
  if (text.length !== 12) { state = {status: "unknown-code", facts: null, entry: null, code: null, typed: true}; render(); return; }
  const code = text.slice(0, 4) + "-" + text.slice(4, 8) + "-" + text.slice(8, 12);
  const entry = findEntry(code);
  state = {status: verdictOf(entry), facts: null, entry: entry, code: code, typed: true};
  render();
}
document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "th" ? "en" : "th"; render();
});
document.getElementById("lookup").addEventListener("submit", fromTyped);
window.addEventListener("hashchange", fromFragment);
if (new URLSearchParams(location.search).get("lang") === "en") lang = "en";
fromFragment();
</script>
</body>
</html>
"""
