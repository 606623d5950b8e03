#!/usr/bin/env bash
# Stops the proxy started by start.sh (SIGTERM to the main pid).
# Usage: sip/kamailio/stop.sh [port=5066] [rundir=/tmp/huifang-kamailio-<port>]
set -euo pipefail
port="${1:-5066}"
rundir="${2:-/tmp/huifang-kamailio-$port}"
pidfile="$rundir/kamailio.pid"
[ -f "$pidfile" ] || { echo "not running (no $pidfile)"; exit 0; }
pid="$(cat "$pidfile")"
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; exit 0; }; sleep 0.1; done
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
