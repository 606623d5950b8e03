#!/usr/bin/env bash
# Starts the loopback WebRTC SIP proxy in the background.
# Usage: sip/kamailio/start.sh [port=5066] [rundir=/tmp/huifang-kamailio-<port>]
# Prints the WebSocket URL. Stop with sip/kamailio/stop.sh [port].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-5066}"
rundir="${2:-/tmp/huifang-kamailio-$port}"
mkdir -p "$rundir"
nohup kamailio -f "$here/kamailio.cfg" -DD -E -Y "$rundir" -P "$rundir/kamailio.pid" \
  -l "tcp:127.0.0.1:$port" >"$rundir/kamailio.log" 2>&1 &
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "ws://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.05
done
echo "kamailio did not open port $port; log: $rundir/kamailio.log" >&2
exit 1
