# shellcheck shell=bash
# Shared helpers for the lab's stand-in commands.
#
# Every stand-in sources this file, then calls `lab_begin TOOL "$@"`, which
#   - loads the host's facts (/var/lib/lab/host.env, written by provision-host),
#   - records the run in /var/lib/lab-shared/records/tools.tsv when the tool exits,
#   - honours the fault file /var/lib/lab/faults/TOOL (fail K | hang).
# Tool-subcommand faults (dnf-install, kubeadm-init, ...) and latency keys are
# checked by the tools themselves with lab_fault and lab_latency.

LAB_STATE=${LAB_STATE:-/var/lib/lab}
LAB_SHARED=${LAB_SHARED:-/var/lib/lab-shared}
LAB_HOME=${LAB_HOME:-/usr/lib/lab/tools}
LAB_DATA=$LAB_HOME/data

lab_now_ms() { local t=${EPOCHREALTIME/[.,]/}; printf '%s\n' "${t:0:13}"; }

lab_load_host() {
  if [[ -r $LAB_STATE/host.env ]]; then
    # shellcheck source=/dev/null
    source "$LAB_STATE/host.env"
  fi
  LAB_NODE=${LAB_NODE:-$(hostname)}
}

lab_escape() {
  local s=$*
  s=${s//$'\\'/\\\\}
  s=${s//$'\t'/\\t}
  s=${s//$'\n'/\\n}
  printf '%s' "${s:0:300}"
}

lab_record() {
  local rc=$?
  local dir=$LAB_SHARED/records
  [[ -d $dir ]] || mkdir -p "$dir" 2>/dev/null || return "$rc"
  local t=${EPOCHREALTIME/[.,]/}
  printf '%s\t%s\t%s\t%s\t%s\n' "$LAB_NODE" "$LAB_T0" "${t:0:13}" "$LAB_TOOL" \
    "$(lab_escape "$LAB_ARGS")" >>"$dir/tools.tsv" 2>/dev/null || true
  return "$rc"
}

# lab_begin TOOL ARGS...: common start of every stand-in.
lab_begin() {
  LAB_TOOL=$1
  shift
  LAB_ARGS=$*
  LAB_T0=${EPOCHREALTIME/[.,]/}
  LAB_T0=${LAB_T0:0:13}
  lab_load_host
  trap lab_record EXIT
}

# lab_fault KEY MESSAGE [RC]: if a fault is armed for KEY, act on it.
# `fail K` prints MESSAGE to stderr and exits RC (default 1), K times;
# `hang` blocks until the process is killed.
lab_fault() {
  local key=$1 message=$2 rc=${3:-1} file=$LAB_STATE/faults/$1 spec count
  [[ -f $file ]] || return 0
  exec {lock}<"$file" || return 0
  flock "$lock"
  spec=$(cat "$file" 2>/dev/null || true)
  case $spec in
    hang*)
      flock -u "$lock"
      while :; do sleep 3600; done
      ;;
    fail*)
      count=${spec#fail}
      count=${count// /}
      count=${count:-1}
      if ((count <= 1)); then rm -f "$file"; else echo "fail $((count - 1))" >"$file"; fi 2>/dev/null || true
      flock -u "$lock"
      printf '%s\n' "$message" >&2
      exit "$rc"
      ;;
  esac
  flock -u "$lock"
}

# lab_latency KEY [TIMES]: sleep the seconds the lab's latency profile gives KEY.
lab_latency() {
  local seconds
  seconds=$(lab_latency_of "$1")
  [[ $seconds == 0 || -z $seconds ]] && return 0
  if [[ -n ${2:-} ]]; then
    seconds=$(awk -v s="$seconds" -v n="$2" 'BEGIN { printf "%.3f", s * n }')
  fi
  sleep "$seconds"
}

lab_latency_of() {
  local conf=$LAB_SHARED/latency.conf
  [[ -r $conf ]] || { echo 0; return; }
  awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? 0 : v) }' "$conf"
}

# lab_require_root MESSAGE [RC]: what a tool says when an ordinary user asks it to change the host.
lab_require_root() {
  ((EUID == 0)) && return 0
  printf '%s\n' "$1" >&2
  exit "${2:-1}"
}

# --- small per-host state helpers -------------------------------------------

lab_state_get() { # FILE DEFAULT
  local f=$LAB_STATE/$1
  if [[ -r $f ]]; then cat "$f"; else printf '%s\n' "${2:-}"; fi
}

lab_state_set() { # FILE VALUE
  mkdir -p "$(dirname "$LAB_STATE/$1")"
  printf '%s\n' "$2" >"$LAB_STATE/$1"
}

# --- systemd model (shared by systemctl and the tools that need a unit's state)

lab_unit_name() {
  case $1 in
    *.service | *.socket | *.target | *.timer | *.mount) printf '%s\n' "$1" ;;
    *) printf '%s.service\n' "$1" ;;
  esac
}

lab_unit_file() {
  local d
  for d in /etc/systemd/system /usr/lib/systemd/system; do
    [[ -f $d/$1 ]] && { printf '%s\n' "$d/$1"; return 0; }
  done
  return 1
}

lab_unit_active_flag() { [[ -f $LAB_STATE/units/active/$1 ]]; }

lab_unit_enabled() {
  compgen -G "/etc/systemd/system/*.wants/$1" >/dev/null
}

# --- kernel model -------------------------------------------------------------

lab_swap_on() { [[ -s $LAB_STATE/swap/active ]]; }

lab_module_loaded() { [[ -f $LAB_STATE/modules/$1 ]]; }

# lab_sysctl_get KEY: prints the value; returns 1 when the key does not exist.
lab_sysctl_get() {
  local key=$1 file=$LAB_STATE/sysctl/$1
  if [[ $key == net.bridge.* ]] && ! lab_module_loaded br_netfilter; then
    return 1
  fi
  if [[ -f $file ]]; then cat "$file"; return 0; fi
  awk -v k="$key" '$1 == k { sub(/^[^ ]+ +/, ""); print; found = 1 } END { exit !found }' \
    "$LAB_DATA/sysctl-defaults"
}

lab_sysctl_path() { printf '/proc/sys/%s\n' "${1//.//}"; }

# --- containerd model ---------------------------------------------------------

# The configuration containerd loaded when it last started (empty when none).
LAB_CONTAINERD_RUNNING=$LAB_STATE/containerd/running-config.toml

lab_containerd_running() { lab_unit_active_flag containerd.service; }

# lab_toml_value KEY: value of the last `KEY = ...` line in the running config.
lab_toml_value() {
  [[ -f $LAB_CONTAINERD_RUNNING ]] || return 0
  awk -v k="$1" '
    /^[[:space:]]*#/ { next }
    { line = $0; sub(/^[[:space:]]+/, "", line) }
    index(line, k " ") == 1 || index(line, k "=") == 1 {
      sub(/^[^=]*=[[:space:]]*/, "", line); gsub(/"/, "", line); v = line
    }
    END { print v }' "$LAB_CONTAINERD_RUNNING"
}

lab_cri_enabled() {
  lab_containerd_running || return 1
  ! grep -Eq '^[[:space:]]*disabled_plugins[[:space:]]*=.*"(io\.containerd\.grpc\.v1\.)?cri"' \
    "$LAB_CONTAINERD_RUNNING" 2>/dev/null
}

lab_containerd_systemd_cgroup() {
  [[ $(lab_toml_value SystemdCgroup) == true ]]
}

lab_sandbox_image() {
  local v
  v=$(lab_toml_value sandbox_image)
  printf '%s\n' "${v:-registry.k8s.io/pause:3.6}"
}

# --- images -------------------------------------------------------------------

# lab_image_normalize REF: docker.io/library/x:latest style full reference.
lab_image_normalize() {
  local ref=$1 first
  [[ $ref == *@* || ${ref##*/} == *:* ]] || ref=$ref:latest
  first=${ref%%/*}
  if [[ $ref != */* ]]; then
    ref=docker.io/library/$ref
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then
    ref=docker.io/$ref
  fi
  printf '%s\n' "$ref"
}

lab_image_present() {
  grep -qxF "$1" "$LAB_STATE/containerd/images" 2>/dev/null
}

lab_image_id() {
  printf '%s' "$1" | sha256sum | cut -c1-64
}

# lab_catalogue: the image catalogue, fetched from the mirror at most every 10 seconds.
lab_catalogue() {
  local cache=$LAB_STATE/containerd/catalogue.tsv stamp="" now=${EPOCHREALTIME%[.,]*}
  [[ -f $cache ]] && read -r stamp <"$cache"
  if [[ -z $stamp ]] || ((now - stamp > 10)); then
    mkdir -p "${cache%/*}"
    { echo "$now"; curl -fsS --max-time 5 "$LAB_MIRROR_URL/images/catalogue.tsv" 2>/dev/null; } >"$cache.$$" || {
      rm -f "$cache.$$"
      return 1
    }
    mv "$cache.$$" "$cache"
  fi
  tail -n +2 "$cache"
}

# lab_registry_mirrors_for REGISTRY: mirror hosts configured in containerd.
lab_registry_mirrors_for() {
  local reg=$1 path
  [[ -f $LAB_CONTAINERD_RUNNING ]] || return 0
  awk -v r="$reg" '
    index($0, "registry.mirrors.\"" r "\"]") { inside = 1; next }
    /^[[:space:]]*\[/ { inside = 0 }
    inside && /endpoint/ { gsub(/.*\[|\].*|"|,/, " "); print }' "$LAB_CONTAINERD_RUNNING" |
    tr ' ' '\n' | sed -n 's#^https\?://##p'
  path=$(lab_toml_value config_path)
  if [[ -n $path && -f $path/$reg/hosts.toml ]]; then
    sed -n 's#^[[:space:]]*\[host\."https\?://\([^"]*\)"\].*#\1#p' "$path/$reg/hosts.toml"
  fi
}

# lab_pull REF: pulls an image into this host's containerd; prints the error on failure.
lab_pull() {
  local ref catalogue reg rest mirror found=""
  ref=$(lab_image_normalize "$1")
  lab_latency image-pull
  catalogue=$(lab_catalogue) || {
    lab_pull_error "$ref" "dial tcp: lookup ${ref%%/*}: no such host"
    return 1
  }
  reg=${ref%%/*}
  rest=${ref#*/}
  for mirror in $(lab_registry_mirrors_for "$reg"); do
    if grep -q "^$mirror/$rest"$'\t' <<<"$catalogue"; then found=$mirror; break; fi
  done
  if [[ -z $found ]] && ! grep -q "^$ref"$'\t' <<<"$catalogue"; then
    lab_pull_error "$ref" "$(lab_pull_reason "$ref" "$catalogue")"
    return 1
  fi
  mkdir -p "$LAB_STATE/containerd"
  lab_image_present "$ref" || printf '%s\n' "$ref" >>"$LAB_STATE/containerd/images"
}

lab_pull_reason() {
  local ref=$1 catalogue=$2 reg=${1%%/*} repo
  repo=${ref#*/}
  repo=${repo%:*}
  if grep -q "^$reg/" <<<"$catalogue"; then
    printf '%s: not found' "$ref"
  else
    printf 'failed to resolve reference "%s": failed to do request: Head "https://%s/v2/%s/manifests/%s": dial tcp: lookup %s: no such host' \
      "$ref" "$reg" "$repo" "${ref##*:}" "$reg"
  fi
}

lab_pull_error() {
  printf 'rpc error: code = NotFound desc = failed to pull and unpack image "%s": %s\n' "$1" "$2"
}

# --- kubelet model ------------------------------------------------------------

lab_kubelet_driver() {
  local flags v
  flags=$(cat /etc/sysconfig/kubelet /var/lib/kubelet/kubeadm-flags.env 2>/dev/null || true)
  v=$(grep -o -- '--cgroup-driver=[a-z]*' <<<"$flags" | tail -n1 || true)
  if [[ -n $v ]]; then printf '%s\n' "${v#*=}"; return; fi
  v=$(sed -n 's/^cgroupDriver:[[:space:]]*//p' /var/lib/kubelet/config.yaml 2>/dev/null | tail -n1)
  printf '%s\n' "${v:-cgroupfs}"
}

# lab_kubelet_problem: prints why the kubelet cannot run its pods, or nothing.
lab_kubelet_problem() {
  local want
  if [[ ! -x /usr/bin/kubelet ]]; then echo "kubelet is not installed"; return; fi
  if ! lab_unit_active_flag kubelet.service; then echo "kubelet service is not running"; return; fi
  if [[ ! -f /var/lib/kubelet/config.yaml ]]; then
    echo 'failed to load kubelet config file, path: /var/lib/kubelet/config.yaml'
    return
  fi
  if lab_swap_on && ! grep -q '^failSwapOn: false' /var/lib/kubelet/config.yaml; then
    echo 'failed to run Kubelet: running with swap on is not supported, please disable swap! or set --fail-swap-on flag to false'
    return
  fi
  if ! lab_cri_enabled; then
    echo 'failed to run Kubelet: validate service connection: CRI v1 runtime API is not implemented for endpoint "unix:///var/run/containerd/containerd.sock"'
    return
  fi
  want=cgroupfs
  lab_containerd_systemd_cgroup && want=systemd
  if [[ $(lab_kubelet_driver) != "$want" ]]; then
    printf 'kubelet cgroup driver "%s" is different from the container runtime cgroup driver "%s"\n' \
      "$(lab_kubelet_driver)" "$want"
  fi
}

lab_kubelet_healthy() { [[ -z $(lab_kubelet_problem) ]]; }
