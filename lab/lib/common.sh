# shellcheck shell=bash
# Shared helpers for the lab CLI. Sourced by lab/lab; not executable on its own.

# shellcheck disable=SC2034 # the globals below are used by the files that source this one

# PATH a fresh host gives root (the same as sshd's superuser path).
HOST_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Directories each host gets as a private overlay (upper dir name = path with / -> -).
OVERLAY_DIRS=(/etc /usr /home /var/lib /var/log /opt)
# Where the repository's lab/ directory appears inside every host (read-only).
HOST_LAB_DIR=/usr/lib/lab
# Marker that lets `lab down` delete a directory: only directories `lab up` made.
MARKER=.lab-dir

die() {
  printf 'lab: %s\n' "$*" >&2
  exit 1
}

say() {
  [[ ${LAB_QUIET:-0} == 1 ]] || printf 'lab: %s\n' "$*" >&2
}

need_root() {
  [[ $(id -u) == 0 ]] || die "must run as root (Linux namespaces and mounts need it)"
}

# abs_dir PATH: absolute form of PATH without requiring it to exist.
abs_dir() {
  case $1 in
    /*) printf '%s\n' "${1%/}" ;;
    *) printf '%s/%s\n' "$PWD" "${1%/}" ;;
  esac
}

now_ms() {
  local t=${EPOCHREALTIME/./}
  printf '%s\n' "${t:0:-3}"
}

# node_names M N: control planes master01..master0M, then workers node01..
node_names() {
  local m=$1 n=$2 i
  for ((i = 1; i <= m; i++)); do node_name master "$i"; done
  for ((i = 1; i <= n - m; i++)); do node_name node "$i"; done
}

node_name() {
  if (($2 > 99)); then printf '%s%03d\n' "$1" "$2"; else printf '%s%02d\n' "$1" "$2"; fi
}

# load_env DIR: read DIR/lab.env (written by `lab up`).
load_env() {
  local dir=$1
  [[ -f $dir/lab.env ]] || die "no lab in $dir (lab.env missing); run lab up first"
  # shellcheck source=/dev/null
  source "$dir/lab.env"
}

host_dir() {
  printf '%s/hosts/%s\n' "$LAB_DIR" "$1"
}

# holder_pid NODE: pid of the process that keeps the host's namespaces alive, if it lives.
holder_pid() {
  local hd pid
  hd=$(host_dir "$1")
  [[ -f $hd/pid && -f $hd/mntns ]] || return 1
  pid=$(<"$hd/pid")
  [[ $(ns_inode "$pid") == "$(<"$hd/mntns")" ]] || return 1
  owns_ns "$pid" "$hd" || return 1
  printf '%s\n' "$pid"
}

# ns_inode PID|self: inode number of the process's mount namespace.
ns_inode() {
  local link
  link=$(readlink "/proc/$1/ns/mnt" 2>/dev/null) || return 1
  link=${link#mnt:[}
  printf '%s\n' "${link%]}"
}

# ns_table: "INODE PID" for every process (one find, no fork per process).
ns_table() {
  { find /proc -mindepth 3 -maxdepth 3 -path '/proc/[0-9]*/ns/mnt' -printf '%l %p\n' 2>/dev/null || true; } |
    sed -n 's|^mnt:\[\([0-9]*\)\] /proc/\([0-9]*\)/ns/mnt$|\1 \2|p'
}

# ns_pids INODE...: every process whose mount namespace is one of INODE.
ns_pids() {
  (($#)) || return 0
  ns_table | awk -v want=" $* " 'index(want, " " $1 " ") { print $2 }'
}

# owns_ns PID HOST_DIR: PID lives in the namespace built from HOST_DIR's overlay dirs.
# (Namespace inode numbers are reused, so a recorded inode alone proves nothing.)
owns_ns() {
  grep -qF "upperdir=$2/upper/" "/proc/$1/mountinfo" 2>/dev/null
}

require_node() {
  local n
  for n in $LAB_NODES; do [[ $n == "$1" ]] && return 0; done
  die "no host named '$1' in this lab (hosts: $LAB_NODES)"
}

# in_host NODE CMD...: run CMD as root inside the host's namespaces with the host's PATH.
in_host() {
  local node=$1 pid
  shift
  pid=$(holder_pid "$node") || die "host $node is not running"
  nsenter -t "$pid" -m -u --wdns=/ -- env -i PATH="$HOST_PATH" HOME=/root USER=root LOGNAME=root \
    SHELL=/bin/bash LANG=C.UTF-8 "$@"
}

# wait_listening ADDRESS PORT: true once something accepts TCP connections there (5 s max).
wait_listening() {
  local i
  for ((i = 0; i < 500; i++)); do
    if (: <"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.01
  done
  echo "nothing listens on $1:$2 after 5 s" >&2
  return 1
}
