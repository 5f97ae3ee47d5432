# shellcheck shell=bash
# `lab status`, `lab exec`, `lab fault`, `lab latency`: work on a running lab.

open_lab() {
  need_root
  dir_option "$@"
  load_env "$DIR"
}

# sshd_pid NODE: pid of the host's listening sshd, if it runs.
sshd_pid() {
  local holder pid
  holder=$(holder_pid "$1") || return 1
  pid=$(cat "/proc/$holder/root/run/sshd.pid" 2>/dev/null) || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] || return 1
  alive "$pid" || return 1
  printf '%s\n' "$pid"
}

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

node_address() {
  (
    # shellcheck source=/dev/null
    source "$(host_dir "$1")/host.env"
    printf '%s\n' "$LAB_ADDRESS"
  )
}

# memory_kib PID...: "RSS PSS" summed over the processes (PSS shares libraries fairly).
memory_kib() {
  local files=() p
  for p in "$@"; do files+=("/proc/$p/smaps_rollup"); done
  ((${#files[@]})) || { echo "0 0"; return 0; }
  awk '/^Rss:/ { r += $2 } /^Pss:/ { s += $2 } END { print r + 0, s + 0 }' "${files[@]}" 2>/dev/null || true
}

cmd_status() {
  open_lab "$@"
  local node pid state inodes="" pids mirror=-
  printf '%-10s %-16s %-8s %s\n' NODE ADDRESS PID STATE
  for node in $LAB_NODES; do
    pid=$(holder_pid "$node") || pid=-
    if [[ $pid == - ]]; then
      state=gone
    else
      inodes+=" $(<"$(host_dir "$node")/mntns")"
      if sshd_pid "$node" >/dev/null; then state=up; else state=down; fi
    fi
    printf '%-10s %-16s %-8s %s\n' "$node" "$(node_address "$node")" "$pid" "$state"
  done
  if [[ -f $DIR/mirror.pid ]] && kill -0 "$(<"$DIR/mirror.pid")" 2>/dev/null; then
    mirror=$(<"$DIR/mirror.pid")
  fi
  printf '%-10s %-16s %-8s %s\n' mirror "${LAB_PREFIX}.254:$LAB_PORT" "$mirror" \
    "$([[ $mirror == - ]] && echo down || echo up)"
  # shellcheck disable=SC2086
  pids=$(ns_pids $inodes | paste -sd' ')
  [[ $mirror == - ]] || pids+=" $mirror"
  local mem
  # shellcheck disable=SC2086
  mem=$(memory_kib $pids)
  printf 'memory: %s processes, %s KiB resident (RSS), %s KiB proportional (PSS)\n' \
    "$(wc -w <<<"$pids")" "${mem% *}" "${mem#* }"
}

cmd_exec() {
  local node=${1:-}
  [[ -n $node && $node != -* ]] || die "usage: lab exec NODE [--dir DIR] -- CMD [ARG...]"
  shift
  open_lab "$@"
  require_node "$node"
  [[ ${REST[0]:-} == -- ]] || die "usage: lab exec NODE [--dir DIR] -- CMD [ARG...]"
  ((${#REST[@]} > 1)) || die "lab exec: no command given"
  in_host "$node" "${REST[@]:1}"
}

cmd_latency() {
  local profile=${1:-}
  [[ -n $profile && $profile != -* ]] || die "usage: lab latency PROFILE [--dir DIR]"
  shift
  open_lab "$@"
  [[ -f $LAB_ROOT/latency/$profile.conf ]] || die "no latency profile '$profile'"
  cp "$LAB_ROOT/latency/$profile.conf" "$LAB_SHARED/latency.conf.new"
  mv -f "$LAB_SHARED/latency.conf.new" "$LAB_SHARED/latency.conf"
  sed -i "s/^LAB_LATENCY=.*/LAB_LATENCY=$profile/" "$DIR/lab.env"
}

valid_key() {
  [[ $1 =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "bad fault key '$1' (like dnf-install, kubeadm-init)"
}

fault_file() {
  local node=$1 path=$2 content=$3
  # shellcheck disable=SC2016
  in_host "$node" bash -c 'mkdir -p "${1%/*}" && printf "%s\n" "$2" >"$1.new" && mv -f "$1.new" "$1"' \
    _ "$path" "$content"
}

fault_clear() {
  local node=$1 key=${2:-}
  case $key in
    '') in_host "$node" bash -c 'rm -f /var/lib/lab/faults/* /var/lib/lab/ssh-faults/*' ;;
    hang-ssh) in_host "$node" rm -f /var/lib/lab/ssh-faults/hang ;;
    drop) in_host "$node" rm -f /var/lib/lab/ssh-faults/drop ;;
    *)
      valid_key "$key"
      in_host "$node" rm -f "/var/lib/lab/faults/$key"
      ;;
  esac
}

# host_down NODE: the host stops answering: every process in it but the holder dies.
host_down() {
  local holder pids i
  holder=$(holder_pid "$1") || die "host $1 is not running"
  # what the other hosts see: no API server, kubelet, proxy or kube-vip of this host answers
  mkdir -p "$LAB_SHARED/down"
  now_ms >"$LAB_SHARED/down/$1"
  for ((i = 0; i < 100; i++)); do
    pids=$(ns_pids "$(<"$(host_dir "$1")/mntns")" | grep -vx "$holder" | paste -sd' ' || true)
    [[ -n $pids ]] || return 0
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.02
  done
  die "processes survive on $1: $pids"
}

host_up() {
  rm -f "$LAB_SHARED/down/$1"
  sshd_pid "$1" >/dev/null && return 0
  in_host "$1" /usr/sbin/sshd -f /etc/ssh/sshd_config -E /var/log/sshd.log
  wait_listening "$(node_address "$1")" "$LAB_SSH_PORT"
}

# `lab clock advance SECONDS`: the clusters' clock for expiries (uploaded certificates, tokens).
cmd_clock() {
  local action=${1:-} seconds=${2:-} offset=0
  [[ $action == advance && $seconds =~ ^[0-9]+$ ]] || die "usage: lab clock advance SECONDS [--dir DIR]"
  shift 2
  open_lab "$@"
  [[ -r $LAB_SHARED/clock-offset ]] && read -r offset <"$LAB_SHARED/clock-offset"
  printf '%s\n' $((offset + seconds)) >"$LAB_SHARED/clock-offset.new"
  mv -f "$LAB_SHARED/clock-offset.new" "$LAB_SHARED/clock-offset"
}

# `lab kube-vip --lease-duration S [--renew-deadline S] [--retry-period S] | --manifest`: timings
# of every kube-vip leader election in the lab (default: each manifest's own, kube-vip's 5/3/1 s).
cmd_kube_vip() {
  local lease="" renew="" retry="" manifest=0
  while (($#)); do
    case $1 in
      --lease-duration) lease=${2:-}; shift 2 ;;
      --renew-deadline) renew=${2:-}; shift 2 ;;
      --retry-period) retry=${2:-}; shift 2 ;;
      --manifest) manifest=1; shift ;;
      *) break ;;
    esac
  done
  open_lab "$@"
  if ((manifest)); then
    rm -f "$LAB_SHARED/kube-vip.conf"
    return 0
  fi
  [[ $lease =~ ^[1-9][0-9]*$ ]] || die "usage: lab kube-vip --lease-duration S [--renew-deadline S] [--retry-period S] | --manifest"
  renew=${renew:-$(((lease * 3 + 4) / 5))}
  retry=${retry:-1}
  if ! [[ $renew =~ ^[1-9][0-9]*$ && $retry =~ ^[1-9][0-9]*$ ]] || ((renew > lease)); then
    die "--renew-deadline must be 1..--lease-duration and --retry-period a positive number of seconds"
  fi
  printf '%s %s %s\n' "$lease" "$renew" "$retry" >"$LAB_SHARED/kube-vip.conf"
}

# `lab cluster`: what the simulated API servers know: endpoint, etcd members and quorum, the VIP.
cmd_cluster() {
  open_lab "$@"
  local dir name address state
  # shellcheck source=../tools/lib/cluster.sh
  LAB_SHARED=$LAB_SHARED source "$LAB_ROOT/tools/lib/cluster.sh"
  # shellcheck source=../tools/lib/endpoint.sh
  source "$LAB_ROOT/tools/lib/endpoint.sh"
  for dir in "$LAB_SHARED"/clusters/cluster-*; do
    [[ -f $dir/cluster.env ]] || continue
    printf 'cluster %s endpoint %s\n' "${dir##*/}" "$(lab_cluster_get "$dir" ENDPOINT)"
    if lab_etcd_status "$dir"; then state=ok; else state=lost; fi
    printf 'etcd members %s started %s quorum %s %s\n' "$ETCD_MEMBERS" "$ETCD_STARTED" "$ETCD_QUORUM" "$state"
    while read -r name address; do
      [[ -n $name ]] || continue
      printf 'etcd member %s %s\n' "$name" "$address"
    done <"$dir/etcd/members"
    if [[ -f $dir/kube-vip.lease ]]; then
      printf 'vip %s holder %s on %s\n' "$(lab_env_get "$dir/kube-vip.lease" VIP)" \
        "$(lab_env_get "$dir/kube-vip.lease" HOLDER)" "$(lab_env_get "$dir/kube-vip.lease" VIP_ON)"
    fi
  done
}

cmd_fault() {
  local node=${1:-}
  [[ -n $node && $node != -* ]] || die "usage: lab fault NODE [--dir DIR] ACTION [ARGS]"
  shift
  open_lab "$@"
  require_node "$node"
  set -- "${REST[@]}"
  local action=${1:-}
  [[ $# -gt 0 ]] && shift
  case $action in
    fail)
      valid_key "${1:-}"
      is_count "${2:-1}"
      fault_file "$node" "/var/lib/lab/faults/$1" "fail ${2:-1}"
      ;;
    hang)
      valid_key "${1:-}"
      fault_file "$node" "/var/lib/lab/faults/$1" hang
      ;;
    clear) fault_clear "$node" "${1:-}" ;;
    drop)
      is_count "${1:-1}"
      fault_file "$node" /var/lib/lab/ssh-faults/drop "${1:-1}"
      ;;
    hang-ssh) fault_file "$node" /var/lib/lab/ssh-faults/hang hang ;;
    down) host_down "$node" ;;
    up) host_up "$node" ;;
    *) die "unknown fault '$action' (fail, hang, clear, drop, hang-ssh, down, up)" ;;
  esac
}

is_count() {
  [[ $1 =~ ^[1-9][0-9]*$ ]] || die "not a positive count: '$1'"
}
