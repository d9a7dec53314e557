#!/usr/bin/env bash
# The docker-compose.yml topology without Docker, on one machine: a private redis-server, two
# VirtualMeet server nodes using it as backplane and store, and nginx balancing over both.
#
#   deploy/local/topology.sh up [--no-build]   publish (unless told not to), start, wait until ready
#   deploy/local/topology.sh down              stop everything this run directory started
#   deploy/local/topology.sh status            processes and health
#   deploy/local/topology.sh render-nginx OUT  render deploy/nginx/nginx.conf.template (see below)
#
# Environment (all optional):
#   VM_RUN_DIR          run directory for pids, logs, configs, data   (default: <repo>/.data/topology)
#   VM_PUBLISH_DIR      an existing `dotnet publish` output: skips the publish step
#   VM_REDIS_PORT       redis port                                    (default: 6390)
#   VM_NODE_A_PORT      node A port                                   (default: 5101)
#   VM_NODE_B_PORT      node B port                                   (default: 5102)
#   VM_NGINX_PORT       nginx port                                    (default: 8088)
#   VM_PORTS_AUTO=1     pick free ports instead (the chosen ones are in <run dir>/ports.env)
#   VM_READY_PATH       path polled through nginx until it answers 200 (default: /health/ready)
#   VM_READY_TIMEOUT    seconds to wait for that                      (default: 60)
#   VM_STOP_TIMEOUT     seconds a process gets after SIGTERM before SIGKILL (default: 20)
#   VM_SIGNING_KEY      Auth__SigningKey of the nodes                 (default: a fixed dev key)
#   VM_ORGANIZER_KEY    Auth__OrganizerKey of the nodes               (default: a fixed dev key)
#   VM_LOG_JSON=0       readable text logs from the nodes instead of JSON lines
#   VM_TLS_CERT         PEM certificate (chain) for nginx: with VM_TLS_KEY, nginx also serves
#   VM_TLS_KEY          https/wss on VM_NGINX_TLS_PORT (default: 8443; picked with VM_PORTS_AUTO=1)
#
# render-nginx reads NGINX_USER_LINE, NGINX_PID, NGINX_ERROR_LOG, NGINX_ACCESS_LOG, NGINX_TEMP_DIR,
# NGINX_LISTEN and NGINX_UPSTREAMS (one `host:port` per line or space separated), and for TLS
# NGINX_TLS_LISTEN, NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY (all three, or none).
#
# Budgets per client address in nginx (render-nginx and up both read them; 429 beyond them):
#   NGINX_HUB_CONNECTIONS  open requests under /hubs/ at once                 (default: 100)
#   NGINX_API_RATE         REST requests under /api/, e.g. 20r/s or 600r/m   (default: 20r/s)
#   NGINX_API_BURST        requests beyond that rate served at once           (default: 100)
#   NGINX_SIGN_IN_RATE     sign-in and sign-up requests                       (default: 2r/s)
#   NGINX_SIGN_IN_BURST    beyond that rate, served at once                   (default: 30)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
readonly script_dir repo_root
readonly redis_conf_source="${repo_root}/deploy/redis/redis.conf"
readonly nginx_template="${repo_root}/deploy/nginx/nginx.conf.template"
readonly server_project="${repo_root}/src/VirtualMeet.Server/VirtualMeet.Server.csproj"
readonly server_dll_name="VirtualMeet.Server.dll"
# Processes in start order; `down` stops them in reverse.
readonly components=(redis node-a node-b nginx)

run_dir="${VM_RUN_DIR:-${repo_root}/.data/topology}"
ready_path="${VM_READY_PATH:-/health/ready}"
ready_timeout="${VM_READY_TIMEOUT:-60}"
stop_timeout="${VM_STOP_TIMEOUT:-20}"
# Development-only secrets: the local topology listens on loopback only. Production keys come
# from the environment (docker-compose.yml refuses to start without them).
signing_key="${VM_SIGNING_KEY:-local-topology-signing-key-change-me-0123456789abcdef}"
organizer_key="${VM_ORGANIZER_KEY:-local-topology-organizer-key}"
tls_cert="${VM_TLS_CERT:-}"
tls_key="${VM_TLS_KEY:-}"
nginx_tls_port=""

log() { printf 'topology: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------------------------------------
# paths

pid_file() { printf '%s/pids/%s.pid\n' "${run_dir}" "$1"; }
log_file() { printf '%s/logs/%s.log\n' "${run_dir}" "$1"; }
ports_file() { printf '%s/ports.env\n' "${run_dir}"; }

make_run_dir() {
  mkdir -p "${run_dir}"
  run_dir="$(cd "${run_dir}" && pwd)"
  mkdir -p "${run_dir}/pids" "${run_dir}/logs" "${run_dir}/redis/data" "${run_dir}/nginx/temp"
}

resolve_run_dir() {
  if [[ -d "${run_dir}" ]]; then
    run_dir="$(cd "${run_dir}" && pwd)"
  fi
}

# ---------------------------------------------------------------------------------------------
# prerequisites

require_tools() {
  local missing=() tool
  for tool in "$@"; do
    command -v "${tool}" >/dev/null 2>&1 || missing+=("${tool}")
  done
  if ((${#missing[@]} > 0)); then
    die "missing required tools: ${missing[*]}. Install them first (Debian: apt-get install -y redis-server nginx curl; .NET 10 SDK for dotnet); this script installs nothing."
  fi
}

nginx_bin() {
  # Debian puts nginx in /usr/sbin, which is not on every non-root PATH.
  if command -v nginx >/dev/null 2>&1; then
    command -v nginx
  elif [[ -x /usr/sbin/nginx ]]; then
    printf '/usr/sbin/nginx\n'
  else
    die "missing required tool: nginx (Debian: apt-get install -y nginx)"
  fi
}

# ---------------------------------------------------------------------------------------------
# ports

port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Htln "sport = :${port}" 2>/dev/null)" ]]
  else
    # Something answers a connect: the port is taken.
    (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null
  fi
}

pick_free_port() {
  # Below the Linux ephemeral range (32768+) so that outgoing connections cannot grab the port
  # between picking it here and binding it in the component.
  local taken=" $* " port attempt
  for attempt in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    if [[ "${taken}" != *" ${port} "* ]] && ! port_in_use "${port}"; then
      printf '%s\n' "${port}"
      return 0
    fi
    : "${attempt}"
  done
  die "could not find a free TCP port"
}

choose_ports() {
  if [[ "${VM_PORTS_AUTO:-0}" == "1" ]]; then
    redis_port="$(pick_free_port)"
    node_a_port="$(pick_free_port "${redis_port}")"
    node_b_port="$(pick_free_port "${redis_port}" "${node_a_port}")"
    nginx_port="$(pick_free_port "${redis_port}" "${node_a_port}" "${node_b_port}")"
    if [[ -n "${tls_cert}" ]]; then
      nginx_tls_port="$(pick_free_port "${redis_port}" "${node_a_port}" "${node_b_port}" "${nginx_port}")"
    fi
  else
    redis_port="${VM_REDIS_PORT:-6390}"
    node_a_port="${VM_NODE_A_PORT:-5101}"
    node_b_port="${VM_NODE_B_PORT:-5102}"
    nginx_port="${VM_NGINX_PORT:-8088}"
    local names=(redis_port node_a_port node_b_port nginx_port) name port
    if [[ -n "${tls_cert}" ]]; then
      nginx_tls_port="${VM_NGINX_TLS_PORT:-8443}"
      names+=(nginx_tls_port)
    fi
    for name in "${names[@]}"; do
      port="${!name}"
      [[ "${port}" =~ ^[0-9]+$ ]] || die "${name} is not a port number: ${port}"
      if port_in_use "${port}"; then
        die "port ${port} (${name}) is already in use; set VM_${name^^} or VM_PORTS_AUTO=1"
      fi
    done
  fi
  local tmp
  tmp="$(ports_file).tmp"
  {
    printf 'VM_REDIS_PORT=%s\n' "${redis_port}"
    printf 'VM_NODE_A_PORT=%s\n' "${node_a_port}"
    printf 'VM_NODE_B_PORT=%s\n' "${node_b_port}"
    printf 'VM_NGINX_PORT=%s\n' "${nginx_port}"
    [[ -z "${nginx_tls_port}" ]] || printf 'VM_NGINX_TLS_PORT=%s\n' "${nginx_tls_port}"
  } >"${tmp}"
  mv "${tmp}" "$(ports_file)"
}

load_ports() {
  # Fills redis_port, node_a_port, node_b_port, nginx_port from ports.env, if present.
  redis_port="" node_a_port="" node_b_port="" nginx_port=""
  [[ -f "$(ports_file)" ]] || return 1
  local key value
  while IFS='=' read -r key value; do
    case "${key}" in
      VM_REDIS_PORT) redis_port="${value}" ;;
      VM_NODE_A_PORT) node_a_port="${value}" ;;
      VM_NODE_B_PORT) node_b_port="${value}" ;;
      VM_NGINX_PORT) nginx_port="${value}" ;;
      *) ;;
    esac
  done <"$(ports_file)"
}

# ---------------------------------------------------------------------------------------------
# processes

# True while the process runs. A zombie counts as gone: once `up` has exited, the components
# belong to whatever reaps orphans on this machine, which may take its time to do so.
process_alive() {
  local pid="$1" state=""
  kill -0 "${pid}" 2>/dev/null || return 1
  if [[ -r "/proc/${pid}/status" ]]; then
    state="$(awk '/^State:/ { print $2; exit }' "/proc/${pid}/status" 2>/dev/null || true)"
  fi
  [[ "${state}" != "Z" && "${state}" != "X" ]]
}

# Prints the pid recorded for a component if that process still runs, else nothing.
live_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "${file}" ]] || return 1
  pid="$(<"${file}")"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  process_alive "${pid}" || return 1
  # Guard against a recycled pid: the process must still look like what was started here
  # (redis-server replaces its command line with "redis-server host:port"; nginx keeps its
  # arguments, which name the run directory; the nodes run the server dll).
  local cmdline="" expected
  case "$1" in
    redis) expected="redis-server" ;;
    nginx) expected="${run_dir}" ;;
    *) expected="${server_dll_name}" ;;
  esac
  if [[ -r "/proc/${pid}/cmdline" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline")"
    [[ "${cmdline}" == *"${expected}"* ]] || return 1
  fi
  printf '%s\n' "${pid}"
}

# Starts a command in the background, detached from this shell's session, with stdin from
# /dev/null and stdout/stderr in the component's log: whoever runs `up` (a terminal, a test
# reading our output to the end) is never tied to the long-running children.
start_process() {
  local name="$1"
  shift
  local logf
  logf="$(log_file "${name}")"
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" </dev/null >>"${logf}" 2>&1 &
  else
    nohup "$@" </dev/null >>"${logf}" 2>&1 &
  fi
  printf '%s\n' "$!" >"$(pid_file "${name}")"
}

stop_process() {
  local name="$1" pid waited=0
  pid="$(live_pid "${name}")" || { rm -f "$(pid_file "${name}")"; return 0; }
  log "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  while process_alive "${pid}"; do
    if ((waited >= stop_timeout * 10)); then
      log "${name} did not stop within ${stop_timeout}s, killing it"
      kill -KILL "${pid}" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  # A KILLed process needs a moment to go.
  local i
  for i in $(seq 1 50); do
    process_alive "${pid}" || break
    sleep 0.1
    : "${i}"
  done
  rm -f "$(pid_file "${name}")"
}

# Waits until a URL answers 200, while the component's process is alive.
wait_http_200() {
  local name="$1" url="$2" deadline code
  local curl_options=("${@:3}")
  deadline=$((SECONDS + ready_timeout))
  while ((SECONDS < deadline)); do
    if [[ "${name}" != "-" ]] && ! live_pid "${name}" >/dev/null; then
      log "${name} exited during start-up; last lines of $(log_file "${name}"):"
      tail -n 40 "$(log_file "${name}")" >&2 || true
      return 1
    fi
    code="$(curl -s "${curl_options[@]}" -o /dev/null -w '%{http_code}' --max-time 2 "${url}" || true)"
    [[ "${code}" == "200" ]] && return 0
    sleep 0.2
  done
  log "timed out after ${ready_timeout}s waiting for ${url} to answer 200 (last status: ${code:-none})"
  return 1
}

wait_redis() {
  local deadline
  deadline=$((SECONDS + ready_timeout))
  while ((SECONDS < deadline)); do
    live_pid redis >/dev/null || {
      log "redis exited during start-up; last lines of $(log_file redis):"
      tail -n 40 "$(log_file redis)" >&2 || true
      return 1
    }
    if command -v redis-cli >/dev/null 2>&1; then
      [[ "$(redis-cli -h 127.0.0.1 -p "${redis_port}" ping 2>/dev/null || true)" == "PONG" ]] && return 0
    elif (exec 3<>"/dev/tcp/127.0.0.1/${redis_port}") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  log "timed out waiting for redis on port ${redis_port}"
  return 1
}

# ---------------------------------------------------------------------------------------------
# configuration

render_redis_conf() {
  local out="$1"
  # The production file with the directives below taken out and set for this machine instead
  # (removed rather than repeated: redis applies some, like `dir`, while it reads them).
  {
    awk '$1 ~ /^(bind|protected-mode|port|dir|daemonize|logfile|maxmemory|pidfile)$/ { print "# (overridden below) " $0; next } { print }' \
      "${redis_conf_source}"
    printf '\n# --- local topology overrides ---\n'
    printf 'bind 127.0.0.1\n'
    printf 'protected-mode yes\n'
    printf 'port %s\n' "${redis_port}"
    printf 'dir %s\n' "${run_dir}/redis/data"
    printf 'daemonize no\n'
    printf 'logfile ""\n'
    printf 'maxmemory 256mb\n'
  } >"${out}"
}

readonly default_hub_connections=100 default_api_rate=20r/s default_api_burst=100
readonly default_sign_in_rate=2r/s default_sign_in_burst=30

render_nginx() {
  local out="$1" upstream_lines="" host
  [[ -f "${nginx_template}" ]] || die "missing ${nginx_template}"
  local hub_connections="${NGINX_HUB_CONNECTIONS:-${default_hub_connections}}"
  local api_rate="${NGINX_API_RATE:-${default_api_rate}}" api_burst="${NGINX_API_BURST:-${default_api_burst}}"
  local sign_in_rate="${NGINX_SIGN_IN_RATE:-${default_sign_in_rate}}"
  local sign_in_burst="${NGINX_SIGN_IN_BURST:-${default_sign_in_burst}}"
  [[ "${hub_connections}" =~ ^[1-9][0-9]*$ ]] || die "NGINX_HUB_CONNECTIONS must be a positive number: ${hub_connections}"
  [[ "${api_rate}" =~ ^[1-9][0-9]*r/[sm]$ ]] || die "NGINX_API_RATE must look like 20r/s or 600r/m: ${api_rate}"
  [[ "${sign_in_rate}" =~ ^[1-9][0-9]*r/[sm]$ ]] || die "NGINX_SIGN_IN_RATE must look like 2r/s or 60r/m: ${sign_in_rate}"
  [[ "${api_burst}" =~ ^[0-9]+$ ]] || die "NGINX_API_BURST must be a number: ${api_burst}"
  [[ "${sign_in_burst}" =~ ^[0-9]+$ ]] || die "NGINX_SIGN_IN_BURST must be a number: ${sign_in_burst}"
  for host in ${NGINX_UPSTREAMS:?NGINX_UPSTREAMS is required}; do
    upstream_lines+="        server ${host} max_fails=3 fail_timeout=10s;"$'\n'
  done
  upstream_lines="${upstream_lines%$'\n'}"
  local tls_lines
  if [[ -n "${NGINX_TLS_LISTEN:-}${NGINX_TLS_CERTIFICATE:-}${NGINX_TLS_CERTIFICATE_KEY:-}" ]]; then
    [[ -n "${NGINX_TLS_LISTEN:-}" && -n "${NGINX_TLS_CERTIFICATE:-}" && -n "${NGINX_TLS_CERTIFICATE_KEY:-}" ]] \
      || die "TLS needs NGINX_TLS_LISTEN, NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY together"
    # The same server answers https and wss: tokens (in the URL for WebSockets) and everything
    # else cross the network encrypted. No http2: nginx carries WebSockets over HTTP/1.1 only.
    tls_lines="        listen ${NGINX_TLS_LISTEN} ssl;
        ssl_certificate     ${NGINX_TLS_CERTIFICATE};
        ssl_certificate_key ${NGINX_TLS_CERTIFICATE_KEY};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:vm_tls:10m;
        ssl_session_timeout 1h;"
  else
    tls_lines="        # TLS: off in this rendering (see deploy/README.md, \"TLS\")."
  fi
  NGINX_UPSTREAM_LINES="${upstream_lines}" NGINX_TLS_LINES="${tls_lines}" \
    NGINX_HUB_CONNECTIONS="${hub_connections}" NGINX_API_RATE="${api_rate}" NGINX_API_BURST="${api_burst}" \
    NGINX_SIGN_IN_RATE="${sign_in_rate}" NGINX_SIGN_IN_BURST="${sign_in_burst}" awk '
    {
      gsub(/__USER__/, ENVIRON["NGINX_USER_LINE"])
      gsub(/__PID__/, ENVIRON["NGINX_PID"])
      gsub(/__ERROR_LOG__/, ENVIRON["NGINX_ERROR_LOG"])
      gsub(/__ACCESS_LOG__/, ENVIRON["NGINX_ACCESS_LOG"])
      gsub(/__TEMP_DIR__/, ENVIRON["NGINX_TEMP_DIR"])
      gsub(/__LISTEN__/, ENVIRON["NGINX_LISTEN"])
      gsub(/__HUB_CONNECTIONS__/, ENVIRON["NGINX_HUB_CONNECTIONS"])
      gsub(/__API_RATE__/, ENVIRON["NGINX_API_RATE"])
      gsub(/__API_BURST__/, ENVIRON["NGINX_API_BURST"])
      gsub(/__SIGN_IN_RATE__/, ENVIRON["NGINX_SIGN_IN_RATE"])
      gsub(/__SIGN_IN_BURST__/, ENVIRON["NGINX_SIGN_IN_BURST"])
      if ($0 == "__UPSTREAMS__") { print ENVIRON["NGINX_UPSTREAM_LINES"]; next }
      if ($0 == "__TLS__") { print ENVIRON["NGINX_TLS_LINES"]; next }
      print
    }' "${nginx_template}" >"${out}"
  if grep -q '__[A-Z_]*__' "${out}"; then
    die "unrendered placeholder left in ${out}: $(grep -o '__[A-Z_]*__' "${out}" | sort -u | tr '\n' ' ')"
  fi
}

render_local_nginx() {
  local out="$1" user_line
  if [[ "$(id -u)" == "0" ]]; then
    # As root, nginx would switch its workers to `nobody`, which cannot reach a private (0700)
    # run directory for its temp files. This instance only listens on loopback.
    user_line="user root;"
  else
    user_line="# user: not set, the workers run as the invoking user."
  fi
  NGINX_USER_LINE="${user_line}" \
    NGINX_PID="${run_dir}/nginx/nginx.pid" \
    NGINX_ERROR_LOG="$(log_file nginx-error)" \
    NGINX_ACCESS_LOG="$(log_file nginx-access)" \
    NGINX_TEMP_DIR="${run_dir}/nginx/temp" \
    NGINX_LISTEN="127.0.0.1:${nginx_port}" \
    NGINX_UPSTREAMS="127.0.0.1:${node_a_port} 127.0.0.1:${node_b_port}" \
    NGINX_TLS_LISTEN="${nginx_tls_port:+127.0.0.1:${nginx_tls_port}}" \
    NGINX_TLS_CERTIFICATE="${tls_cert}" \
    NGINX_TLS_CERTIFICATE_KEY="${tls_key}" \
    render_nginx "${out}"
}

# ---------------------------------------------------------------------------------------------
# server publish

resolve_publish_dir() {
  local no_build="$1"
  if [[ -n "${VM_PUBLISH_DIR:-}" ]]; then
    publish_dir="$(cd "${VM_PUBLISH_DIR}" 2>/dev/null && pwd)" || die "VM_PUBLISH_DIR does not exist: ${VM_PUBLISH_DIR}"
    [[ -f "${publish_dir}/${server_dll_name}" ]] || die "no ${server_dll_name} in VM_PUBLISH_DIR (${publish_dir})"
    return 0
  fi
  publish_dir="${run_dir}/publish"
  if [[ "${no_build}" == "1" ]]; then
    [[ -f "${publish_dir}/${server_dll_name}" ]] \
      || die "--no-build given but ${publish_dir}/${server_dll_name} does not exist (run without --no-build once, or set VM_PUBLISH_DIR)"
    return 0
  fi
  log "publishing the server to ${publish_dir}"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    dotnet publish "${server_project}" -c Release -o "${publish_dir}" --nologo -v quiet >"$(log_file publish)" 2>&1 \
    || { tail -n 40 "$(log_file publish)" >&2; die "dotnet publish failed (full output: $(log_file publish))"; }
}

# ---------------------------------------------------------------------------------------------
# components

start_node() {
  local name="$1" port="$2"
  # The server writes one JSON object per line to stdout (Logging:Format), which goes to
  # logs/<node>.log; VM_LOG_JSON=0 switches to readable text lines.
  local log_format=json
  [[ "${VM_LOG_JSON:-1}" == "0" ]] && log_format=text
  log "starting ${name} on 127.0.0.1:${port}"
  # Workstation GC: two nodes share one machine here, and server GC would give each one heap
  # per core. The working directory is the publish dir so appsettings*.json are found.
  (
    cd "${publish_dir}"
    start_process "${name}" env \
      ASPNETCORE_ENVIRONMENT=Production \
      DOTNET_gcServer=0 \
      DOTNET_NOLOGO=1 \
      Realtime__Backplane=Redis \
      Storage__Provider=Redis \
      "ConnectionStrings__Redis=127.0.0.1:${redis_port},abortConnect=false" \
      "Auth__SigningKey=${signing_key}" \
      "Auth__OrganizerKey=${organizer_key}" \
      "Hosting__NodeName=${name}" \
      "Logging__Format=${log_format}" \
      dotnet "${publish_dir}/${server_dll_name}" --urls "http://127.0.0.1:${port}"
  )
  # `env` execs dotnet, so the recorded pid is the server's.
}

cmd_up() {
  local no_build=0 arg
  for arg in "$@"; do
    case "${arg}" in
      --no-build) no_build=1 ;;
      *) die "unknown option for up: ${arg}" ;;
    esac
  done
  require_tools redis-server curl dotnet
  local nginx
  nginx="$(nginx_bin)"
  if [[ -n "${tls_cert}${tls_key}" ]]; then
    [[ -n "${tls_cert}" && -n "${tls_key}" ]] || die "TLS needs both VM_TLS_CERT and VM_TLS_KEY"
    [[ -r "${tls_cert}" ]] || die "VM_TLS_CERT is not a readable file: ${tls_cert}"
    [[ -r "${tls_key}" ]] || die "VM_TLS_KEY is not a readable file: ${tls_key}"
    tls_cert="$(cd "$(dirname "${tls_cert}")" && pwd)/$(basename "${tls_cert}")"
    tls_key="$(cd "$(dirname "${tls_key}")" && pwd)/$(basename "${tls_key}")"
  fi

  make_run_dir
  local name
  for name in "${components[@]}"; do
    if live_pid "${name}" >/dev/null; then
      die "${name} from ${run_dir} is already running; run '$0 down' first"
    fi
  done
  rm -f "${run_dir}"/pids/*.pid
  # Logs describe the last run only.
  rm -f "${run_dir}"/logs/*.log

  resolve_publish_dir "${no_build}"
  choose_ports

  # From here on, any failure (or an interrupt) stops whatever was started.
  up_complete=0
  trap on_up_exit EXIT
  trap 'exit 130' INT TERM

  render_redis_conf "${run_dir}/redis/redis.conf"
  log "starting redis on 127.0.0.1:${redis_port}"
  start_process redis redis-server "${run_dir}/redis/redis.conf"
  wait_redis

  start_node node-a "${node_a_port}"
  start_node node-b "${node_b_port}"
  # Nodes are probed on `/` here only to know that they listen; readiness (Redis connected) is
  # checked below through nginx on the ready path.
  wait_listening node-a "${node_a_port}"
  wait_listening node-b "${node_b_port}"

  render_local_nginx "${run_dir}/nginx/nginx.conf"
  "${nginx}" -t -q -e "$(log_file nginx-error)" -p "${run_dir}/nginx" -c "${run_dir}/nginx/nginx.conf"
  log "starting nginx on 127.0.0.1:${nginx_port}"
  start_process nginx "${nginx}" -e "$(log_file nginx-error)" -p "${run_dir}/nginx" -c "${run_dir}/nginx/nginx.conf" -g 'daemon off;'

  wait_http_200 nginx "http://127.0.0.1:${nginx_port}${ready_path}"
  if [[ -n "${nginx_tls_port}" ]]; then
    # Only that the TLS listener answers: the certificate may come from a CA this machine does not
    # trust, and clients check it themselves.
    wait_http_200 nginx "https://127.0.0.1:${nginx_tls_port}${ready_path}" --insecure
  fi
  # Both nodes ready, not just the one nginx happened to pick.
  wait_http_200 node-a "http://127.0.0.1:${node_a_port}${ready_path}"
  wait_http_200 node-b "http://127.0.0.1:${node_b_port}${ready_path}"
  up_complete=1
  trap - EXIT INT TERM

  printf 'VirtualMeet topology is up (run dir %s)\n' "${run_dir}"
  printf '  entry (nginx):  http://127.0.0.1:%s\n' "${nginx_port}"
  [[ -z "${nginx_tls_port}" ]] || printf '  entry (TLS):    https://127.0.0.1:%s\n' "${nginx_tls_port}"
  printf '  node-a:         http://127.0.0.1:%s\n' "${node_a_port}"
  printf '  node-b:         http://127.0.0.1:%s\n' "${node_b_port}"
  printf '  redis:          127.0.0.1:%s\n' "${redis_port}"
  printf '  logs:           %s/logs\n' "${run_dir}"
  printf '  ports:          %s\n' "$(ports_file)"
}

on_up_exit() {
  local status=$?
  if [[ "${up_complete:-0}" != "1" ]]; then
    log "start-up failed, stopping what was started"
    cmd_down 2>/dev/null || true
  fi
  return "${status}"
}

# A node listens once anything answers HTTP on its port (any status code).
wait_listening() {
  local name="$1" port="$2" deadline code
  deadline=$((SECONDS + ready_timeout))
  while ((SECONDS < deadline)); do
    if ! live_pid "${name}" >/dev/null; then
      log "${name} exited during start-up; last lines of $(log_file "${name}"):"
      tail -n 40 "$(log_file "${name}")" >&2 || true
      return 1
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${port}/" || true)"
    [[ "${code}" =~ ^[1-5][0-9][0-9]$ ]] && return 0
    sleep 0.2
  done
  log "timed out after ${ready_timeout}s waiting for ${name} to listen on port ${port}"
  return 1
}

cmd_down() {
  resolve_run_dir
  if [[ ! -d "${run_dir}/pids" ]]; then
    log "nothing to stop in ${run_dir}"
    return 0
  fi
  local i
  for ((i = ${#components[@]} - 1; i >= 0; i--)); do
    stop_process "${components[i]}"
  done
  log "stopped (logs and data kept in ${run_dir})"
}

cmd_status() {
  resolve_run_dir
  load_ports || true
  local name pid port url code all_up=0
  printf 'run dir: %s\n' "${run_dir}"
  for name in "${components[@]}"; do
    case "${name}" in
      redis) port="${redis_port}" url="" ;;
      node-a) port="${node_a_port}" url="http://127.0.0.1:${node_a_port}${ready_path}" ;;
      node-b) port="${node_b_port}" url="http://127.0.0.1:${node_b_port}${ready_path}" ;;
      nginx) port="${nginx_port}" url="http://127.0.0.1:${nginx_port}${ready_path}" ;;
    esac
    if pid="$(live_pid "${name}")"; then
      code="-"
      if [[ -n "${url}" ]] && command -v curl >/dev/null 2>&1; then
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${url}" || true)"
        code="${ready_path} ${code}"
      fi
      printf '  %-7s running  pid %-8s port %-6s %s\n' "${name}" "${pid}" "${port:-?}" "${code}"
    else
      printf '  %-7s stopped\n' "${name}"
      all_up=1
    fi
  done
  return "${all_up}"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "${cmd}" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    render-nginx)
      [[ $# -eq 1 ]] || die "usage: $0 render-nginx OUTPUT_FILE"
      render_nginx "$1"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
