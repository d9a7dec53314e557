#!/usr/bin/env bash
# Regenerates docs/performance.md: builds the load tool (and the servers it starts: VirtualMeet, the baseline hub, the
# backplane benchmark) in Release, raises the open-files limit, and runs the tool's `report` (about 40 minutes on a
# quiet 2-core machine, progress on stderr). Stops with a non-zero exit and leaves docs/performance.md untouched on any
# failure.
# Extra arguments go to the tool, e.g. `scripts/perf.sh --quick --out /tmp/perf.md` for a short trial.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$PATH:/usr/sbin"

for tool in dotnet redis-server redis-cli redis-benchmark; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "perf: $tool is missing (Debian: apt-get install -y redis-server redis-tools)." >&2
    exit 1
  fi
done

# Every connection is a file descriptor in the tool and one in a server: raise the soft limit to the hard one. The
# largest share of one process is 15,000 connections (the 30,000 on 2 nodes come from two child processes of the tool).
hard="$(ulimit -Hn)"
if [ "$hard" = unlimited ]; then
  ulimit -n 65536
else
  ulimit -n "$hard"
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 17000 ]; then
  echo "perf: the open-files limit is $(ulimit -n) (hard $hard); 15,000 connections in one process need about 17,000. Raise the hard limit (limits.conf) first." >&2
  exit 1
fi

export VM_ARTIFACTS_PATH="${VM_ARTIFACTS_PATH:-$root/artifacts/perf}"
echo "perf: building Release into $VM_ARTIFACTS_PATH" >&2
dotnet build tools/VirtualMeet.LoadTest/VirtualMeet.LoadTest.csproj -c Release -nologo -v quiet

tool="$VM_ARTIFACTS_PATH/bin/VirtualMeet.LoadTest/release/VirtualMeet.LoadTest.dll"
if [ "$#" -eq 0 ]; then
  set -- --out "$root/docs/performance.md"
fi
exec dotnet "$tool" report "$@"
