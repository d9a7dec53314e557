#!/usr/bin/env bash
# Runs one VirtualMeet node on the embedded in-memory default (no Redis needed) with the demo events seeded.
# Extra arguments go to the server, e.g. scripts/run.sh --urls http://0.0.0.0:8080
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
urls="http://127.0.0.1:5080"
for arg in "$@"; do
  [ "$arg" = "--urls" ] && urls=""
done
exec dotnet run --project "$root/src/VirtualMeet.Server" -c Release -- ${urls:+--urls "$urls"} "$@"
