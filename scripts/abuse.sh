#!/usr/bin/env bash
# Runs the abuse suite: exactly the tests that docs/security.md names beside its threats (Docs/SecurityTableTests keeps
# those names true). Sets up what the tests need as scripts/test.sh does, and ends with "tests: N passed, N failed".
# The full test command (scripts/test.sh) runs these too; this runs them alone, e.g. after changing a limit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The "test that proves it" column is the third of every table; names are backticked classes, methods or paths.
test_name='^([A-Za-z]+/)*([A-Z][A-Za-z0-9]*Tests(\.cs)?(\.[A-Z][a-z0-9]+([A-Z][a-z0-9]*){2,})?|[A-Z][a-z0-9]+([A-Z][a-z0-9]*){2,})$'
# shellcheck disable=SC2016 # the backticks are the Markdown's, not the shell's
mapfile -t names < <(
  grep '^|' docs/security.md | awk -F'|' '{ print $4 }' | grep -o '`[^`]*`' | tr -d '`' |
    grep -E "$test_name" | sed -e 's#.*/##' -e 's#\.cs##' | sort -u
)
if [ "${#names[@]}" -eq 0 ]; then
  echo "docs/security.md names no tests." >&2
  exit 1
fi

filter="$(printf 'FullyQualifiedName~%s|' "${names[@]}")"
echo "Abuse suite: ${#names[@]} test classes and methods named in docs/security.md."
exec scripts/test.sh --filter "${filter%|}" "$@"
