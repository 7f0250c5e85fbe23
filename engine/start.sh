#!/usr/bin/env bash
# Start the Một Cửa BPMN engine (engine/target/motcua-engine.jar).
#
#   engine/start.sh               build if needed, start in the background, wait
#                                 until /actuator/health is UP, then exit 0
#   engine/start.sh --foreground  build if needed, then exec java (Ctrl-C stops it)
#
# Environment (see engine/README.md):
#   ENGINE_ADMIN_USER / ENGINE_ADMIN_PASSWORD   required: the REST service account (no default;
#                          `npm start` keeps a generated one in data/engine.env)
#   ENGINE_PORT (8080)  ENGINE_BIND_ADDRESS (127.0.0.1)  ENGINE_DATA_DIR (<repo>/data/engine)
#   ENGINE_DB_URL / ENGINE_DB_USER / ENGINE_DB_PASSWORD   (PostgreSQL instead of H2)
#   JAVA_OPTS              JVM flags (default: low-memory flags below)
#   ENGINE_PID_FILE        write the java PID there (background mode)
#   ENGINE_LOG_FILE        stdout/stderr of the engine (default: $ENGINE_DATA_DIR/engine.log)
#   ENGINE_START_TIMEOUT   seconds to wait for health (120)
#   JAVA                   java binary (default: java on PATH)
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$ENGINE_DIR")"
JAR="$ENGINE_DIR/target/motcua-engine.jar"

FOREGROUND=0
case "${1:-}" in
  --foreground|-f) FOREGROUND=1 ;;
  "") ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/!p}' "$0"; exit 0 ;;
  *) echo "usage: $0 [--foreground]" >&2; exit 2 ;;
esac

# Checked before any build or start: an engine without its account must not come up at all.
for variable in ENGINE_ADMIN_USER ENGINE_ADMIN_PASSWORD; do
  if [ -z "${!variable:-}" ]; then
    echo "engine: $variable is required (the REST service account has no default; npm start keeps one in data/engine.env)" >&2
    exit 2
  fi
done

# Same default as the application itself, but explicit so the log file can go there
# and so a relative ENGINE_DATA_DIR is resolved against the caller's directory.
export ENGINE_DATA_DIR="${ENGINE_DATA_DIR:-$REPO_DIR/data/engine}"
mkdir -p "$ENGINE_DATA_DIR"
ENGINE_DATA_DIR="$(cd "$ENGINE_DATA_DIR" && pwd)"
export ENGINE_PORT="${ENGINE_PORT:-8080}"
LOG_FILE="${ENGINE_LOG_FILE:-$ENGINE_DATA_DIR/engine.log}"
TIMEOUT="${ENGINE_START_TIMEOUT:-120}"
JAVA="${JAVA:-java}"

# Low resident memory: serial GC (no parallel GC threads and regions), a small
# initial heap (the JVM default is 1/64 of RAM), a 384 MiB cap, smaller stacks and
# code cache. Measured ~300 MiB RSS after start. Override with JAVA_OPTS.
DEFAULT_JAVA_OPTS="-Xms32m -Xmx384m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError"
read -r -a JOPTS <<< "${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"

# --- build when the jar is missing or older than the sources -----------------------
needs_build() {
  [ ! -f "$JAR" ] && return 0
  [ "$ENGINE_DIR/pom.xml" -nt "$JAR" ] && return 0
  [ -n "$(find "$ENGINE_DIR/src/main" -newer "$JAR" -type f -print -quit 2>/dev/null)" ] && return 0
  return 1
}
# Several scripts may call start.sh at once (e.g. two nodes, parallel tests): build
# only once, under a lock.
mkdir -p "$ENGINE_DIR/target"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$ENGINE_DIR/target/.build.lock"
  flock 9
fi
if needs_build; then
  echo "engine: building $JAR (mvn package)..." >&2
  (cd "$ENGINE_DIR" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
  # Maven leaves the jar alone when no content changed (e.g. a file was only
  # touched); mark it as built from the current sources so we do not rebuild again.
  touch "$JAR"
fi
exec 9>&-

if [ "$FOREGROUND" = 1 ]; then
  exec "$JAVA" "${JOPTS[@]}" -jar "$JAR"
fi

# --- background start + health wait -------------------------------------------------
HOST="${ENGINE_BIND_ADDRESS:-127.0.0.1}"
case "$HOST" in 0.0.0.0|::|"[::]") HOST=127.0.0.1 ;; esac
case "$HOST" in *:*) HOST="[$HOST]" ;; esac
HEALTH_URL="http://$HOST:$ENGINE_PORT/actuator/health"

if curl -fsS -m 2 "$HEALTH_URL" >/dev/null 2>&1; then
  echo "engine: something already answers on $HEALTH_URL; not starting a second engine" >&2
  exit 1
fi

: > "$LOG_FILE"
# setsid: the engine keeps running when this script's terminal/session goes away.
setsid nohup "$JAVA" "${JOPTS[@]}" -jar "$JAR" >>"$LOG_FILE" 2>&1 < /dev/null &
PID=$!
if [ -n "${ENGINE_PID_FILE:-}" ]; then
  mkdir -p "$(dirname "$ENGINE_PID_FILE")"
  echo "$PID" > "$ENGINE_PID_FILE"
fi

fail() {
  echo "engine: $1" >&2
  echo "---- last 40 lines of $LOG_FILE ----" >&2
  tail -n 40 "$LOG_FILE" >&2 || true
  exit 1
}

START=$(date +%s)
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    [ -n "${ENGINE_PID_FILE:-}" ] && rm -f "$ENGINE_PID_FILE"
    fail "exited during start-up"
  fi
  if curl -fsS -m 2 "$HEALTH_URL" 2>/dev/null | grep -q '"status":"UP"'; then
    break
  fi
  if [ $(( $(date +%s) - START )) -ge "$TIMEOUT" ]; then
    kill "$PID" 2>/dev/null || true
    [ -n "${ENGINE_PID_FILE:-}" ] && rm -f "$ENGINE_PID_FILE"
    fail "not healthy after ${TIMEOUT}s (stopped PID $PID)"
  fi
  sleep 0.5
done

echo "engine: UP in $(( $(date +%s) - START ))s, PID $PID, REST http://$HOST:$ENGINE_PORT/engine-rest, log $LOG_FILE"
