#!/usr/bin/env bash
# Stop the engine started by start.sh: engine/stop.sh [PID_FILE]
# (default: $ENGINE_PID_FILE). SIGTERM lets Spring shut down gracefully (job
# executor stopped, database closed); SIGKILL only after ENGINE_STOP_TIMEOUT (30 s).
set -euo pipefail
PID_FILE="${1:-${ENGINE_PID_FILE:-}}"
[ -n "$PID_FILE" ] || { echo "usage: $0 PID_FILE (or set ENGINE_PID_FILE)" >&2; exit 2; }
[ -f "$PID_FILE" ] || { echo "engine: no PID file $PID_FILE (not running?)" >&2; exit 0; }
PID="$(cat "$PID_FILE")"
if ! kill -0 "$PID" 2>/dev/null; then
  echo "engine: PID $PID not running" >&2; rm -f "$PID_FILE"; exit 0
fi
kill -TERM "$PID"
for _ in $(seq 1 $(( ${ENGINE_STOP_TIMEOUT:-30} * 2 ))); do
  kill -0 "$PID" 2>/dev/null || { rm -f "$PID_FILE"; echo "engine: stopped PID $PID"; exit 0; }
  sleep 0.5
done
echo "engine: PID $PID did not stop in time, killing" >&2
kill -KILL "$PID" 2>/dev/null || true
rm -f "$PID_FILE"
