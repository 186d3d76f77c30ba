# Shared pieces of the benchmark scripts (sourced, not run): build, clean-up, demo servers, sign-in.
# The caller sets ROOT, SCRATCH, BIN, BUILD_TIMEOUT and a `say` function before sourcing.

die() { say "ERROR: $*"; exit 1; }

build_release() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        say "building the release binary (incremental) in $SCRATCH"
        timeout "$BUILD_TIMEOUT" swift build -c release --scratch-path "$SCRATCH" --product concours >"${TMPDIR:-/tmp}/bench-build.log" 2>&1 \
            || { tail -30 "${TMPDIR:-/tmp}/bench-build.log" >&2; die "release build failed"; }
    fi
    [ -x "$BIN" ] || die "no binary at $BIN"
}

# A temporary folder and a list of child processes, all removed on exit; the whole run is bounded to LIMIT seconds.
setup_work() { # name limit
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    PIDS=()
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    ( sleep "$2"; say "time limit reached"; kill -TERM $$ ) >/dev/null 2>&1 &
    PIDS+=($!)
}
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill -TERM "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    sleep 0.5
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
    exit "$status"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a demo server on a fresh folder and waits until it answers; SERVER_PID is its process id.
start_server() { # phase folder port [entries]
    "$BIN" serve --demo --demo-phase "$1" --demo-entries "${4:-0}" --host 127.0.0.1 --port "$3" --data-dir "$WORK/$2" >"$WORK/$2.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for _ in $(seq 1 1800); do
        curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$3/" && return 0
        sleep 0.1
    done
    tail -20 "$WORK/$2.log" >&2
    die "the $1 server did not answer"
}

# Signs in on the server at port and prints the session's Cookie header value.
sign_in() { # port email password
    local jar="$WORK/cookies-$1-$2" login_page token
    login_page=$(curl -s -c "$jar" "http://127.0.0.1:$1/connexion")
    token=$(printf '%s' "$login_page" | python3 -c 'import re,sys; print(re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
    curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=$2" \
        --data-urlencode "password=$3" "http://127.0.0.1:$1/connexion"
    python3 - "$jar" <<'PY'
import sys
pairs = []
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) == 7 and not line.startswith("# "):
        pairs.append(f"{parts[5]}={parts[6]}")
print("; ".join(pairs))
PY
}
