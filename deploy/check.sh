#!/usr/bin/env bash
# Static checks of the deployment files that run without Docker:
#   - bash -n (and shellcheck when installed) on the deploy scripts;
#   - deploy/nginx/nginx.conf is exactly the template rendered for compose;
#   - `nginx -t` on the compose config and on a local rendering, with a temporary prefix;
#   - deploy/redis/redis.conf loads in a real redis-server (unix socket only, no TCP port);
#   - docker-compose.yml: structure, services, required secrets, referenced files (and
#     `docker compose config` when Docker is installed);
#   - deploy/Dockerfile: every COPY source exists, every project the server references is copied
#     before the restore, the HEALTHCHECK command is valid JSON.
# Exit status is the number of failed checks (0 = all good).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
readonly script_dir repo_root
topology="${repo_root}/deploy/local/topology.sh"
readonly topology

work="$(mktemp -d "${TMPDIR:-/tmp}/vm-deploy-check.XXXXXX")"
redis_pid=""
# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  if [[ -n "${redis_pid}" ]] && kill -0 "${redis_pid}" 2>/dev/null; then
    kill -TERM "${redis_pid}" 2>/dev/null || true
    wait "${redis_pid}" 2>/dev/null || true
  fi
  rm -rf "${work}"
}
trap cleanup EXIT

failures=0
pass() { printf 'ok    %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  [[ $# -gt 1 && -n "$2" ]] && printf '%s\n' "$2" | sed 's/^/      /'
  failures=$((failures + 1))
}
skip() { printf 'skip  %s\n' "$1"; }

nginx_bin=""
if command -v nginx >/dev/null 2>&1; then
  nginx_bin="$(command -v nginx)"
elif [[ -x /usr/sbin/nginx ]]; then
  nginx_bin=/usr/sbin/nginx
fi

# --- scripts ----------------------------------------------------------------------------------
scripts=("${repo_root}/deploy/check.sh" "${topology}" "${repo_root}/scripts/run.sh")
for f in "${scripts[@]}"; do
  if out="$(bash -n "${f}" 2>&1)"; then pass "bash -n ${f#"${repo_root}"/}"; else fail "bash -n ${f#"${repo_root}"/}" "${out}"; fi
done
if command -v shellcheck >/dev/null 2>&1; then
  if out="$(shellcheck "${scripts[@]}" 2>&1)"; then pass "shellcheck deploy scripts"; else fail "shellcheck deploy scripts" "${out}"; fi
else
  skip "shellcheck (not installed)"
fi

# --- nginx ------------------------------------------------------------------------------------
render_compose_nginx() {
  NGINX_USER_LINE="user nginx;" \
    NGINX_PID=/var/run/nginx.pid \
    NGINX_ERROR_LOG=/dev/stderr \
    NGINX_ACCESS_LOG=/dev/stdout \
    NGINX_TEMP_DIR=/var/cache/nginx \
    NGINX_LISTEN=8080 \
    NGINX_UPSTREAMS="node-a:8080 node-b:8080" \
    NGINX_TLS_LISTEN=8443 \
    NGINX_TLS_CERTIFICATE=/etc/nginx/tls/tls.crt \
    NGINX_TLS_CERTIFICATE_KEY=/etc/nginx/tls/tls.key \
    NGINX_HUB_CONNECTIONS="" NGINX_API_RATE="" NGINX_API_BURST="" NGINX_SIGN_IN_RATE="" NGINX_SIGN_IN_BURST="" \
    bash "${topology}" render-nginx "$1"
}

if render_compose_nginx "${work}/nginx.compose.conf" 2>"${work}/render.err"; then
  if out="$(diff -u "${repo_root}/deploy/nginx/nginx.conf" "${work}/nginx.compose.conf")"; then
    pass "deploy/nginx/nginx.conf matches the template"
  else
    fail "deploy/nginx/nginx.conf differs from the rendered template (edit the template, re-render as in deploy/README.md)" "${out}"
  fi
else
  fail "render nginx template" "$(cat "${work}/render.err")"
fi

nginx_test() {
  # nginx -t with everything it writes inside a temporary prefix.
  local label="$1" conf="$2" prefix="$3" out
  mkdir -p "${prefix}/logs"
  if out="$("${nginx_bin}" -t -q -e "${prefix}/logs/error.log" -p "${prefix}" -c "${conf}" 2>&1)"; then
    pass "${label}"
  else
    fail "${label}" "${out}"
  fi
}

if [[ -n "${nginx_bin}" ]]; then
  # The compose config as mounted, made testable here: the node host names only resolve on the
  # compose network, the `nginx` user and /var paths belong to the nginx image.
  # The certificate compose mounts from VM_TLS_DIR is stood in for by a throwaway self-signed one.
  prefix="${work}/nginx-compose"
  mkdir -p "${prefix}/temp" "${prefix}/tls"
  if command -v openssl >/dev/null 2>&1; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
      -keyout "${prefix}/tls/tls.key" -out "${prefix}/tls/tls.crt" >/dev/null 2>&1 \
      || fail "openssl could not make a throwaway certificate for nginx -t"
  else
    fail "openssl is missing (Debian: apt-get install -y openssl): needed for nginx -t of the TLS server"
  fi
  sed -e 's/^user nginx;$//' \
    -e 's/server node-[ab]:8080/server 127.0.0.1:8080/' \
    -e "s#/var/run/nginx.pid#${prefix}/nginx.pid#" \
    -e "s#/var/cache/nginx#${prefix}/temp#" \
    -e "s#/etc/nginx/tls/#${prefix}/tls/#" \
    "${repo_root}/deploy/nginx/nginx.conf" >"${prefix}/nginx.conf"
  nginx_test "nginx -t deploy/nginx/nginx.conf (host names and paths localised)" "${prefix}/nginx.conf" "${prefix}"

  # A local topology rendering, as deploy/local/topology.sh writes it.
  prefix="${work}/nginx-local"
  mkdir -p "${prefix}/temp" "${prefix}/logs"
  if NGINX_USER_LINE="" \
    NGINX_PID="${prefix}/nginx.pid" \
    NGINX_ERROR_LOG="${prefix}/logs/error.log" \
    NGINX_ACCESS_LOG="${prefix}/logs/access.log" \
    NGINX_TEMP_DIR="${prefix}/temp" \
    NGINX_LISTEN="127.0.0.1:8088" \
    NGINX_UPSTREAMS="127.0.0.1:5101 127.0.0.1:5102" \
    bash "${topology}" render-nginx "${prefix}/nginx.conf" 2>"${work}/render.err"; then
    nginx_test "nginx -t local topology rendering" "${prefix}/nginx.conf" "${prefix}"
  else
    fail "render local nginx config" "$(cat "${work}/render.err")"
  fi
else
  skip "nginx -t (nginx not installed)"
fi

# shellcheck disable=SC2016 # literal nginx variables
for directive in 'proxy_http_version 1.1' 'proxy_set_header Upgrade' 'proxy_set_header Connection' \
  'map $http_upgrade $connection_upgrade' 'proxy_read_timeout 3600s' 'X-Forwarded-For' 'X-Forwarded-Proto' \
  'upstream virtualmeet' 'hash $remote_addr consistent' 'proxy_pass http://virtualmeet_hubs' \
  'limit_conn vm_hub_connections' 'limit_req zone=vm_api' 'limit_req zone=vm_sign_in' \
  'limit_conn_status 429' 'limit_req_status  429' 'listen 8443 ssl' 'ssl_protocols TLSv1.2 TLSv1.3'; do
  if grep -qF "${directive}" "${repo_root}/deploy/nginx/nginx.conf"; then
    pass "nginx.conf has ${directive}"
  else
    fail "nginx.conf lacks ${directive}"
  fi
done

# Access tokens travel in the query string of hub requests (`?access_token=`): no log_format may
# write the query string. Checked over each log_format statement, continuation lines included.
# shellcheck disable=SC2016 # literal nginx variables
query_variables='\$(request|request_uri|args|query_string|is_args|arg_[A-Za-z0-9_]+)([^A-Za-z0-9_]|$)'
for conf in "${repo_root}/deploy/nginx/nginx.conf" "${repo_root}/deploy/nginx/nginx.conf.template"; do
  formats="$(awk '/^[[:space:]]*log_format[[:space:]]/ { on = 1 } on { print } on && /;[[:space:]]*$/ { on = 0 }' "${conf}")"
  if [[ -z "${formats}" ]]; then
    fail "${conf#"${repo_root}"/} declares a log_format"
  elif leaked="$(grep -oE "${query_variables}" <<<"${formats}")"; then
    fail "${conf#"${repo_root}"/} logs the query string (access tokens would land in the log)" "${leaked}"
  else
    pass "${conf#"${repo_root}"/} logs no query string"
  fi
  if grep -qE '^[[:space:]]*access_log[[:space:]]+[^;]*;' "${conf}" \
    && ! grep -E '^[[:space:]]*access_log[[:space:]]' "${conf}" | grep -vE 'access_log[[:space:]]+off;' | grep -qvE '[[:space:]]upstreamlog;'; then
    pass "${conf#"${repo_root}"/} writes every access log with upstreamlog"
  else
    fail "${conf#"${repo_root}"/} has an access_log without the upstreamlog format (nginx's default format logs the query string)"
  fi
done

# --- redis ------------------------------------------------------------------------------------
redis_conf="${repo_root}/deploy/redis/redis.conf"
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  mkdir -p "${work}/redis"
  # The file as is, with only what cannot work here replaced: no TCP port, a private dir.
  {
    awk '$1 ~ /^(port|dir|bind)$/ { next } { print }' "${redis_conf}"
    printf 'port 0\nunixsocket %s\ndir %s\n' "${work}/redis/redis.sock" "${work}/redis"
  } >"${work}/redis/redis.conf"
  redis-server "${work}/redis/redis.conf" >"${work}/redis/out.log" 2>&1 &
  redis_pid=$!
  pong=""
  for _ in $(seq 1 50); do
    pong="$(redis-cli -s "${work}/redis/redis.sock" ping 2>/dev/null || true)"
    [[ "${pong}" == "PONG" ]] && break
    kill -0 "${redis_pid}" 2>/dev/null || break
    sleep 0.1
  done
  if [[ "${pong}" == "PONG" ]]; then
    pass "redis-server loads deploy/redis/redis.conf"
    rc() { redis-cli -s "${work}/redis/redis.sock" config get "$1" | sed -n 2p; }
    expect() {
      local key="$1" want="$2" got
      got="$(rc "${key}")"
      if [[ "${got}" == "${want}" ]]; then pass "redis ${key} = ${want}"; else fail "redis ${key} is '${got}', expected '${want}'"; fi
    }
    expect appendonly yes
    expect appendfsync everysec
    expect maxmemory-policy noeviction
    got="$(rc client-output-buffer-limit)"
    if [[ "${got}" == *"pubsub 268435456 67108864 60"* ]]; then pass "redis pubsub output buffer limit 256mb/64mb/60s"; else fail "redis client-output-buffer-limit: ${got}"; fi
    redis-cli -s "${work}/redis/redis.sock" shutdown nosave >/dev/null 2>&1 || true
    wait "${redis_pid}" 2>/dev/null || true
  else
    fail "redis-server loads deploy/redis/redis.conf" "$(tail -n 20 "${work}/redis/out.log")"
  fi
  redis_pid=""
else
  skip "redis config load (redis-server/redis-cli not installed)"
fi

# --- docker-compose.yml -----------------------------------------------------------------------
compose="${repo_root}/docker-compose.yml"
if command -v node >/dev/null 2>&1; then
  # No YAML parser is available without packages: check the subset this file uses line by line
  # (block mappings and sequences, two-space indentation, no tabs, balanced quotes and brackets).
  if out="$(node - "${compose}" <<'NODE'
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const errors = [];
const keyLine = /^(- )?(<<|[A-Za-z0-9_.-]+):( .*)?$/;
const itemLine = /^- .+$/;
lines.forEach((raw, i) => {
  const n = i + 1;
  if (raw.includes('\t')) errors.push(`${n}: tab character`);
  if (/\s+$/.test(raw)) errors.push(`${n}: trailing whitespace`);
  const text = raw.trimStart();
  if (text === '' || text.startsWith('#')) return;
  const indent = raw.length - text.length;
  if (indent % 2 !== 0) errors.push(`${n}: odd indentation`);
  if (!keyLine.test(text) && !itemLine.test(text)) errors.push(`${n}: not a "key: value" or "- item" line: ${text}`);
  const item = text.replace(/^- /, '');
  const value = /^(<<|[A-Za-z0-9_.-]+):( |$)/.test(item) ? item.replace(/^[^:]*:\s?/, '') : item;
  for (const q of ['"', "'"]) {
    if ((value.split(q).length - 1) % 2 !== 0) errors.push(`${n}: unbalanced ${q}`);
  }
  if (value.startsWith('[') && !value.endsWith(']')) errors.push(`${n}: unclosed [`);
});
if (errors.length) { console.log(errors.join('\n')); process.exit(1); }
NODE
)"; then
    pass "docker-compose.yml is well-formed (line-level YAML check)"
  else
    fail "docker-compose.yml is well-formed (line-level YAML check)" "${out}"
  fi
else
  skip "docker-compose.yml line-level check (node not installed)"
fi

for pattern in '^  redis:$' '^  node-a:$' '^  node-b:$' '^  nginx:$' \
  'image: redis:7$' 'image: nginx:stable$' 'dockerfile: deploy/Dockerfile$' \
  'Realtime__Backplane: Redis$' 'Storage__Provider: Redis$' 'ConnectionStrings__Redis: redis:6379,abortConnect=false$' \
  'Auth__SigningKey: \$\{VM_SIGNING_KEY:\?' 'Auth__OrganizerKey: \$\{VM_ORGANIZER_KEY:\?' \
  'condition: service_healthy$' 'test: \["CMD", "redis-cli", "ping"\]$' '"8080:8080"' '"8443:8443"' \
  '\$\{VM_TLS_DIR:\?[^}]*\}:/etc/nginx/tls:ro'; do
  if grep -qE "${pattern}" "${compose}"; then pass "docker-compose.yml has /${pattern}/"; else fail "docker-compose.yml lacks /${pattern}/"; fi
done
while read -r path; do
  if [[ -e "${repo_root}/${path}" ]]; then pass "compose mount ./${path} exists"; else fail "compose mount ./${path} does not exist"; fi
done < <(grep -oE '\./[A-Za-z0-9_./-]+:' "${compose}" | sed -e 's#^\./##' -e 's#:$##')

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  if out="$(cd "${repo_root}" && VM_SIGNING_KEY=check VM_ORGANIZER_KEY=check VM_TLS_DIR=check docker compose config -q 2>&1)"; then
    pass "docker compose config"
  else
    fail "docker compose config" "${out}"
  fi
else
  skip "docker compose config (no Docker here)"
fi

# --- Dockerfile -------------------------------------------------------------------------------
dockerfile="${repo_root}/deploy/Dockerfile"
# COPY sources from the build context (not --from=stage copies).
while read -r src; do
  if [[ -e "${repo_root}/${src%/}" ]]; then pass "Dockerfile COPY source ${src} exists"; else fail "Dockerfile COPY source ${src} does not exist"; fi
done < <(grep -E '^COPY ' "${dockerfile}" | grep -v -- '--from=' | sed -E 's/^COPY +//' | awk '{ for (i = 1; i < NF; i++) print $i }')

# Projects the server needs, following ProjectReference items from its csproj.
declare -A seen=()
queue=("src/VirtualMeet.Server/VirtualMeet.Server.csproj")
while ((${#queue[@]} > 0)); do
  project="${queue[0]}"
  queue=("${queue[@]:1}")
  [[ -n "${seen[${project}]:-}" ]] && continue
  seen["${project}"]=1
  [[ -f "${repo_root}/${project}" ]] || continue
  project_dir="$(dirname "${project}")"
  while read -r ref; do
    ref="${ref//\\//}"
    resolved="$(realpath -m --relative-to="${repo_root}" "${repo_root}/${project_dir}/${ref}")"
    queue+=("${resolved}")
  done < <(grep -oE '<ProjectReference Include="[^"]+"' "${repo_root}/${project}" | sed -E 's/.*Include="([^"]+)"/\1/')
done
for project in "${!seen[@]}"; do
  if grep -qE "^COPY ${project} " "${dockerfile}"; then
    pass "Dockerfile copies ${project} before restore"
  else
    fail "Dockerfile does not copy ${project} before restore (add a COPY line next to the other csproj files)"
  fi
done

if command -v node >/dev/null 2>&1; then
  healthcheck="$(sed -n '/^HEALTHCHECK/,/^$/p' "${dockerfile}" | grep -E '^ +CMD \[' | sed -E 's/^ +CMD //')"
  if out="$(printf '%s' "${healthcheck}" | node -e 'const a = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!Array.isArray(a) || !a.join(" ").includes("/health/live")) process.exit(1);' 2>&1)"; then
    pass "Dockerfile HEALTHCHECK is an exec-form JSON array probing /health/live"
  else
    fail "Dockerfile HEALTHCHECK is an exec-form JSON array probing /health/live" "${out}"
  fi
fi
# shellcheck disable=SC2016 # literal Dockerfile variable
for pattern in '^FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build$' '^FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime$' \
  '^USER \$APP_UID$' '^EXPOSE 8080$'; do
  if grep -qE "${pattern}" "${dockerfile}"; then pass "Dockerfile has /${pattern}/"; else fail "Dockerfile lacks /${pattern}/"; fi
done

printf '\n%s\n' "$( ((failures == 0)) && echo 'all deploy checks passed' || echo "${failures} deploy check(s) failed")"
exit "${failures}"
