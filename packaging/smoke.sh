#!/usr/bin/env bash
# Smoke test of a built bundle, run from another folder with an empty home, as a clerk would:
#   bash packaging/smoke.sh dist/evaluator        (make smoke builds the bundle first)
# --version, init, demo, rank --json, a certificate batch big enough for worker processes,
# verify, the log file, then the desktop app started offscreen until its main window shows.
set -euo pipefail

dist="$(cd "${1:?usage: smoke.sh DIST_FOLDER}" && pwd)"
cli="$dist/evaluator"
app="$dist/evaluator-app"
[[ -x "$cli" && -x "$app" ]] || { echo "smoke: no evaluator and evaluator-app in $dist" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME EVALUATOR_LOG_DIR
export QT_QPA_PLATFORM=offscreen
# scripts sign in as the demo's admin (DESIGN.md section 5: every demo user's password is "demo")
export EVALUATOR_USER=admin EVALUATOR_PASSWORD=demo EVALUATOR_PASSPHRASE=smoke-test-passphrase
cd "$work"
db="$work/demo.sqlite3"
passed=0
step() { printf '==> smoke: %s\n' "$*"; }
ok() { passed=$((passed + 1)); }

step "--version"
"$cli" --version | tee version.txt
grep -q "^evaluator " version.txt && ok

step "init"
# a new database of its own: its first admin gets this password (8 characters at least)
EVALUATOR_PASSWORD=smoke-first-admin "$cli" --db "$work/new.sqlite3" init && ok

step "demo"
"$cli" --db "$db" demo >demo.txt && tail -n 2 demo.txt && ok

step "rank --json"
"$cli" --db "$db" rank --round outstanding --json >rank.json
python3 - rank.json <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["round"] == "outstanding", data.get("round")
print(f"    {data['round_title']}: JSON of {len(json.dumps(data, ensure_ascii=False))} characters")
EOF
ok

step "certificates (with leaders: over 100 files, so worker processes)"
start=$SECONDS
"$cli" --db "$db" certificates --round outstanding --leaders --workers 2 --out certs </dev/null
made=$(find certs -name '*.pdf' | wc -l)
echo "    $made PDFs in $((SECONDS - start)) s"
[[ $made -ge 100 ]] && ok

step "verify"
# whole lists read into arrays: `sort | head -n 1` under pipefail fails with SIGPIPE (exit 141)
# whenever head exits before sort has written its 1,440 lines
mapfile -t pdfs < <(find certs -name '*.pdf' | sort)
mapfile -t leaders < <(find certs -name '*_leader_*.pdf' | sort)
first="${pdfs[0]}"
last="${leaders[-1]}"
# the round is not finalised, so these are drafts: verify exits 1 and says "draft", while the
# signature and the file must still check out
"$cli" --db "$db" verify --json "$first" "$last" >verify.json || true
python3 - verify.json <<'EOF'
import json, sys
found = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(found) == 2, found
for f in found:
    assert f["intact"] and f["signature_valid"] and f["whole_file_signed"], f
    assert f["ok"] or f.get("status") == "draft", f
print("    both signatures valid, files intact (drafts: the round is not finalised)")
EOF
ok

step "the log"
mapfile -t logs < <(find "$HOME" -name evaluator.log)
log="${logs[0]:-}"
[[ -n "$log" ]] && grep -q "started" "$log" && echo "    $log" && ok

step "desktop app offscreen (quits once its first window, the sign-in, is shown)"
admin="$(python3 - "$db" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
columns = {row[1] for row in con.execute("pragma table_info(users)")}
field = "login" if "login" in columns else "name"  # --user takes the login once accounts have one
print(con.execute(f"select {field} from users where role = 'admin' order by id").fetchone()[0])
EOF
)"
EVALUATOR_EXIT_WHEN_SHOWN=1 timeout 120 "$app" --db "$db" --user "$admin" >gui.txt 2>&1 \
  || { cat gui.txt; exit 1; }
grep "window shown" gui.txt && ok

failed=$((8 - passed))
echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
