#!/usr/bin/env bash
# Runs one VirtualMeet node on the embedded in-memory default (no Redis needed) with the demo events seeded.
# Extra arguments go to the server, e.g. scripts/run.sh --urls http://0.0.0.0:8080
#
# The Development environment signs tokens with a fixed key and accepts the organizer key
# `dev-organizer-key`, both public in this repository. Anyone who reaches such a node can sign in
# as organiser and forge tokens, so this script listens beyond loopback (any address other than
# 127.0.0.0/8, ::1 or localhost, including 0.0.0.0, [::], * and +) only when both keys come from
# the environment: Auth__SigningKey (at least 32 characters, not the development key) and
# Auth__OrganizerKey (not `dev-organizer-key`). Otherwise it refuses before starting anything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

readonly development_signing_key="virtualmeet-development-signing-key-not-for-production-use"
readonly development_organizer_key="dev-organizer-key"

# Every address the server will bind: the --urls values (either form), else the default below.
# --urls on the command line wins over ASPNETCORE_URLS and the *_PORTS variables, so those
# never widen what is checked here.
default_url="http://127.0.0.1:5080"
urls_given=0
listen_urls=()
expect_urls=0
for arg in "$@"; do
  if ((expect_urls)); then
    listen_urls+=("${arg}")
    expect_urls=0
    continue
  fi
  case "${arg}" in
    --urls) urls_given=1 expect_urls=1 ;;
    --urls=*) urls_given=1 listen_urls+=("${arg#--urls=}") ;;
    *) ;;
  esac
done
((urls_given)) || listen_urls+=("${default_url}")

# True when a URL's host is a loopback address.
is_loopback() {
  local rest="${1#*://}" host
  rest="${rest%%/*}"
  if [[ "${rest}" == \[* ]]; then
    host="${rest%%]*}]"
  else
    host="${rest%%:*}"
  fi
  host="${host,,}"
  [[ "${host}" == "localhost" || "${host}" == "[::1]" || "${host}" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]]
}

beyond_loopback=()
for list in "${listen_urls[@]}"; do
  IFS=';' read -r -a each <<<"${list}"
  for url in "${each[@]}"; do
    [[ -z "${url}" ]] && continue
    is_loopback "${url}" || beyond_loopback+=("${url}")
  done
done

if ((${#beyond_loopback[@]} > 0)); then
  signing_key="${Auth__SigningKey:-}"
  organizer_key="${Auth__OrganizerKey:-}"
  if ((${#signing_key} < 32)) || [[ "${signing_key}" == "${development_signing_key}" ]] \
    || [[ -z "${organizer_key}" || "${organizer_key}" == "${development_organizer_key}" ]]; then
    cat >&2 <<EOF
run.sh: refusing to listen beyond loopback (${beyond_loopback[*]}) with the development keys.
  The development signing key and organizer key '${development_organizer_key}' are public: anyone who
  reaches this node could sign in as organiser and forge tokens. Set real keys in the environment:
    export Auth__SigningKey="\$(openssl rand -base64 48)"    # at least 32 characters
    export Auth__OrganizerKey="\$(openssl rand -base64 24)"  # not '${development_organizer_key}'
  or listen on loopback only (the default, ${default_url}).
EOF
    exit 2
  fi
fi

default_urls=()
((urls_given)) || default_urls=(--urls "${default_url}")
exec dotnet run --project "${root}/src/VirtualMeet.Server" -c Release -- "${default_urls[@]}" "$@"
