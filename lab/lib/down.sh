# shellcheck shell=bash
# `lab down`: kill every process in the lab's namespaces, the mirror server, remove DIR.

# dir_option ARGS...: sets DIR from --dir (or $LAB_DIR, else target/lab); leftover args in REST.
dir_option() {
  DIR=${LAB_DIR:-target/lab}
  REST=()
  while (($#)); do
    case $1 in
      --dir)
        (($# >= 2)) || die "--dir needs a value"
        DIR=$2
        shift 2
        ;;
      --)
        REST+=("$@")
        break
        ;;
      *)
        REST+=("$1")
        shift
        ;;
    esac
  done
  DIR=$(abs_dir "$DIR")
}

# lab_inodes DIR: mount namespace inodes that really belong to the lab's hosts: some process
# in them has the host's overlay mounted (inode numbers alone are reused by the kernel).
lab_inodes() {
  local hd ino pid files=() table
  local -A host_of=() candidate=()
  for hd in "$1"/hosts/*; do
    ino=
    if [[ -s $hd/mntns ]]; then
      read -r ino <"$hd/mntns"
    elif [[ -f $hd/launch.pid ]]; then
      read -r pid <"$hd/launch.pid"
      ino=$(ns_inode "$pid") || ino=
    fi
    [[ -z $ino ]] || host_of[$ino]=$hd
  done
  ((${#host_of[@]})) || return 0
  table=$(ns_table)
  while read -r ino pid; do
    [[ -n ${host_of[$ino]:-} && -z ${candidate[$ino]:-} ]] || continue
    candidate[$ino]=$pid
    files+=("/proc/$pid/mountinfo")
  done <<<"$table"
  ((${#files[@]})) || return 0
  for ino in "${!candidate[@]}"; do
    printf '%s %s %s\n' "${candidate[$ino]}" "$ino" "${host_of[$ino]}"
  done | awk 'FNR == NR { want["/proc/" $1 "/mountinfo"] = "upperdir=" $3 "/upper/"; ino[$1] = $2; next }
    index($0, want[FILENAME]) { split(FILENAME, p, "/"); print ino[p[3]]; nextfile }' - "${files[@]}" 2>/dev/null || true
}

lab_alive() {
  [[ -n $(lab_inodes "$1") ]]
}

# kill_namespaces INODE...: SIGKILL until no process is left in them (never our own namespace).
kill_namespaces() {
  local self pids i
  self=$(ns_inode self)
  (($#)) || return 0
  for ((i = 0; i < 100; i++)); do
    pids=$(ns_pids "${@/#$self/}")
    [[ -n $pids ]] || return 0
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.02
  done
  echo "lab: processes survive in the lab namespaces: $pids" >&2
  return 1
}

# kill_pidfile FILE PATTERN: kill the process named in FILE if its command line matches PATTERN.
kill_pidfile() {
  local pid cmdline
  [[ -f $1 ]] || return 0
  pid=$(<"$1")
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 0
  [[ $cmdline == *"$2"* ]] || return 0
  kill -KILL "$pid" 2>/dev/null || true
}

teardown() {
  local dir=$1 hd inodes
  [[ -e $dir/$MARKER ]] || die "$dir was not made by lab up; not removing it"
  for hd in "$dir"/hosts/*; do
    [[ -f $hd/launch.pid && ! -s $hd/mntns ]] && kill_pidfile "$hd/launch.pid" "$LIB/host-init $hd"
  done
  inodes=$(lab_inodes "$dir" | sort -u | paste -sd' ')
  # shellcheck disable=SC2086
  kill_namespaces $inodes
  kill_pidfile "$dir/mirror.pid" "--directory $dir/mirror"
  kill_pidfile "$dir/cluster-clock.pid" "cluster-clock $dir"
  rm -rf "$dir"
}

cmd_down() {
  need_root
  dir_option "$@"
  ((${#REST[@]} == 0)) || die "unknown arguments for down: ${REST[*]}"
  if [[ ! -e $DIR ]]; then
    say "down: nothing at $DIR"
    return 0
  fi
  teardown "$DIR"
  say "down: removed $DIR"
}
