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

# lab_inodes DIR: mount namespace inodes that really belong to the lab's hosts.
lab_inodes() {
  local hd pid ino table
  table=$(ns_table)
  for hd in "$1"/hosts/*; do
    [[ -d $hd ]] || continue
    for ino in $(cat "$hd/mntns" 2>/dev/null) $(launcher_inode "$hd"); do
      while read -r pid; do
        if owns_ns "$pid" "$hd"; then
          echo "$ino"
          break
        fi
      done < <(awk -v i="$ino" '$1 == i { print $2 }' <<<"$table")
    done
  done
  return 0
}

# launcher_inode HOST_DIR: namespace of a host still starting (no mntns recorded yet).
launcher_inode() {
  [[ ! -f $1/mntns && -f $1/launch.pid ]] || return 0
  ns_inode "$(<"$1/launch.pid")" || true
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
    [[ -f $hd/launch.pid ]] && kill_pidfile "$hd/launch.pid" "$LIB/host-init $hd"
  done
  inodes=$(lab_inodes "$dir" | sort -u | paste -sd' ')
  # shellcheck disable=SC2086
  kill_namespaces $inodes
  kill_pidfile "$dir/mirror.pid" "--directory $dir/mirror"
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
