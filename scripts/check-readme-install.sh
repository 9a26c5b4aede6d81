#!/usr/bin/env bash
# README step 1, exactly as written, then HTML and URL input with that same install.
#
# The command is read out of README.md ("# 1." in "Set up") and run as it stands: a new venv with
# the pip it is born with (no upgrade), `pip install -e .` (no extras, no constraints). It runs in a
# clean copy of this checkout (the files git tracks or would track), so an existing .venv here is
# neither reused nor touched. With that install it then analyses
#   - the shipped example (the README command itself: exit 0 and at least one technique span),
#   - examples/arvelia-2031-03-14.html, the same article as a news page,
#   - the same page as a URL served by `python3 -m http.server` on 127.0.0.1 (--allow-private-urls),
# and fails unless each exits 0 with techniques and quotes found, and the URL gives the file's findings.
#
# Usage (from the repo root): bash scripts/check-readme-install.sh
# Called by scripts/run-tests.sh before the test suite. Needs python3 and git; no network but the
# package index pip uses.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

#: How long the loopback HTTP server may take to accept connections.
SERVER_WAIT_S=10
PAGE=examples/arvelia-2031-03-14.html

step1="$(awk '/^# 1\./ { getline; print; exit }' README.md)"
if [ -z "$step1" ]; then
    echo "check-readme-install: no '# 1.' command found in README.md's Set up section" >&2
    exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/spinscope-readme.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A clean copy of the checkout, laid out as a fresh clone would be (untracked but not ignored files
# included, so that uncommitted work is checked too).
copy="$work/spinscope"
mkdir -p "$copy"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$repo" ls-files -z --cached --others --exclude-standard \
        | tar -C "$repo" --null --ignore-failed-read -T - -cf - 2>/dev/null \
        | tar -C "$copy" -xf -
else
    tar -C "$repo" --exclude='./.venv*' --exclude='*.egg-info' --exclude='__pycache__' -cf - . | tar -C "$copy" -xf -
fi
if [ -e "$copy/.venv" ]; then
    echo "check-readme-install: the copy already has a .venv; it must start without one" >&2
    exit 1
fi

cd "$copy"
echo "== README step 1, as written: $step1"
start=$SECONDS
if ! bash -c "$step1" </dev/null >"$work/step1.log" 2>&1; then
    cat "$work/step1.log"
    echo "check-readme-install: README step 1 failed (log above)" >&2
    exit 1
fi
grep -E '^(Successfully installed|WARNING: .*extra)' "$work/step1.log" | cut -c1-400 || true
echo "pip in the new venv: $(.venv/bin/python -m pip --version)"
# The terminal view shows the findings from the model's display threshold up and counts the less
# certain ones it leaves out: either count proves that the technique model ran.
findings='^([1-9][0-9]* technique spans|[1-9][0-9]* less certain findings?)'
if grep -q 'Traceback' "$work/step1.log" || ! grep -Eq "$findings" "$work/step1.log"; then
    cat "$work/step1.log"
    echo "check-readme-install: README step 1 exited 0 but printed no technique findings (log above)" >&2
    exit 1
fi
grep -E '^[0-9]+ (technique spans|less certain)' "$work/step1.log"
echo "README step 1: ok in $((SECONDS - start)) s"

# analyse INPUT [flags...] -> writes $work/<n>.json, fails unless it exits 0 with findings
# (every finding, --min-score 0: the file, the page and the URL must give the same ones)
analyse() {
    local name="$1"
    shift
    local out="$work/$name.json"
    if ! .venv/bin/spinscope analyze "$@" --min-score 0 --format json -o "$out" </dev/null >"$work/$name.log" 2>&1; then
        cat "$work/$name.log"
        echo "check-readme-install: spinscope analyze $* failed with the README install (log above)" >&2
        exit 1
    fi
    .venv/bin/python - "$out" "$*" <<'PY'
import json
import sys

result = json.loads(open(sys.argv[1], encoding="utf-8").read())
layers = result["layers"]
counts = {name: len(layers.get(name, [])) for name in ("paragraphs", "techniques", "attributions")}
print(f"{sys.argv[2]}: {counts['paragraphs']} paragraphs, {counts['techniques']} technique spans, "
      f"{counts['attributions']} quotes")
if not counts["techniques"] or not counts["attributions"]:
    sys.exit(f"check-readme-install: {sys.argv[2]} found no techniques or no quotes")
PY
}

start=$SECONDS
analyse page "$PAGE"
echo "HTML page: ok in $((SECONDS - start)) s"

start=$SECONDS
for attempt in 1 2 3; do
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    python3 -m http.server --bind 127.0.0.1 --directory "$(dirname "$PAGE")" "$port" \
        </dev/null >"$work/http.log" 2>&1 &
    server_pid=$!
    if python3 - "$port" "$SERVER_WAIT_S" <<'PY'; then break; fi
import socket
import sys
import time

deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
    kill "$server_pid" 2>/dev/null || true
    server_pid=""
    if [ "$attempt" = 3 ]; then
        cat "$work/http.log"
        echo "check-readme-install: python3 -m http.server did not start on 127.0.0.1 (log above)" >&2
        exit 1
    fi
done
analyse url "http://127.0.0.1:$port/$(basename "$PAGE")" --allow-private-urls
kill "$server_pid" 2>/dev/null || true
server_pid=""
.venv/bin/python - "$work/page.json" "$work/url.json" <<'PY'
import json
import sys


def spans(path: str) -> list[tuple[str, int, int]]:
    result = json.loads(open(path, encoding="utf-8").read())
    return [(s["label"], s["start"], s["end"]) for s in result["layers"]["techniques"]]


if spans(sys.argv[1]) != spans(sys.argv[2]):
    sys.exit("check-readme-install: the page read from a URL gives other technique spans than the same file")
PY
echo "URL page: ok in $((SECONDS - start)) s (same technique spans as the file)"
