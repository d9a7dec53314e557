#!/usr/bin/env bash
# Runs every test of VirtualMeet on a fresh Debian machine that has the .NET SDK and Node.
# Installs what the tests need when it is missing (redis-server, nginx, curl, shellcheck, openssl, and chromium with a font
# for the browser tests; apt-get as root),
# builds once, runs all test projects, and ends with one line: "tests: N passed, N failed".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
configuration="${VM_TEST_CONFIGURATION:-Release}"

need_packages=()
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_packages+=(nginx)
command -v curl >/dev/null 2>&1 || need_packages+=(curl)
command -v shellcheck >/dev/null 2>&1 || need_packages+=(shellcheck)
# The TLS tests make a test CA with openssl.
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)
# Browser tests: Debian's Chromium (VM_CHROMIUM points elsewhere), and a font so screenshots show text.
[ -x "${VM_CHROMIUM:-/usr/bin/chromium}" ] || need_packages+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_packages+=(fonts-dejavu-core)
if [ "${#need_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need_packages[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
    # The packages start system services; the tests run private instances, so stop those.
    (service redis-server stop || true) >/dev/null 2>&1
    (service nginx stop || true) >/dev/null 2>&1
  else
    echo "Missing: ${need_packages[*]}. Install them (sudo apt-get install -y ${need_packages[*]}) and run again." >&2
    exit 1
  fi
fi
export PATH="$PATH:/usr/sbin"

rm -rf "$results"
mkdir -p "$results"

dotnet build VirtualMeet.sln -c "$configuration" -nologo -v quiet

status=0
# One test project at a time (-m:1): both suites start Redis servers and real nodes, and on a 2-core machine
# running them side by side only adds timing noise.
dotnet test VirtualMeet.sln -c "$configuration" --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m "$@" || status=$?

# Sum the counters of every test project's TRX report.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then
  node scripts/print-failures.mjs "$results" || true
fi
echo "tests: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  status=1
fi
exit "$status"
