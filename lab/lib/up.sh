# shellcheck shell=bash
# `lab up`: make DIR, start the mirror and every host, write inventory and client files.

up_defaults() {
  NODES=3 CONTROL_PLANES=1 PREFIX=127.0.1 USER_NAME=root AUTH=key SUDO_PASSWORD=0
  MIRROR_PORT=8080 SSH_PORT=22 LATENCY=none CPUS=2 MEMORY_MB=4096
  DIR=${LAB_DIR:-target/lab}
  declare -gA HOST_CPUS=() HOST_MEMORY=()
}

up_parse() {
  while (($#)); do
    [[ $1 == --sudo-password ]] && { SUDO_PASSWORD=1; shift; continue; }
    (($# >= 2)) || die "option $1 needs a value"
    case $1 in
      --nodes) NODES=$2 ;;
      --control-planes) CONTROL_PLANES=$2 ;;
      --prefix) PREFIX=$2 ;;
      --user) USER_NAME=$2 ;;
      --auth) AUTH=$2 ;;
      --port) MIRROR_PORT=$2 ;;
      --ssh-port) SSH_PORT=$2 ;;
      --latency) LATENCY=$2 ;;
      --cpus) CPUS=$2 ;;
      --memory-mb) MEMORY_MB=$2 ;;
      --host-cpus) HOST_CPUS[${2%%=*}]=${2#*=} ;;
      --host-memory-mb) HOST_MEMORY[${2%%=*}]=${2#*=} ;;
      --dir) DIR=$2 ;;
      *) die "unknown option for up: $1" ;;
    esac
    shift 2
  done
}

is_uint() {
  [[ $1 =~ ^[0-9]+$ ]]
}

up_validate() {
  local v
  for v in "$NODES" "$CONTROL_PLANES" "$MIRROR_PORT" "$SSH_PORT" "$CPUS" "$MEMORY_MB" \
    "${HOST_CPUS[@]}" "${HOST_MEMORY[@]}"; do
    is_uint "$v" || die "not a number: '$v'"
  done
  ((NODES >= 1 && NODES <= 253)) || die "--nodes must be 1..253"
  ((CONTROL_PLANES >= 1 && CONTROL_PLANES <= NODES)) || die "--control-planes must be 1..--nodes"
  [[ $PREFIX =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "--prefix must look like 127.X.Y"
  [[ $AUTH == key || $AUTH == password ]] || die "--auth must be key or password"
  [[ $USER_NAME =~ ^[a-z_][a-z0-9_-]*$ ]] || die "bad --user name '$USER_NAME'"
  [[ $SUDO_PASSWORD == 0 || $USER_NAME != root ]] || die "--sudo-password needs --user NAME"
  [[ -f $LAB_ROOT/latency/$LATENCY.conf ]] || die "no latency profile '$LATENCY'"
  DIR=$(abs_dir "$DIR")
  local d
  for d in "${OVERLAY_DIRS[@]}" /run; do
    [[ $DIR/ != "$d"/* ]] || die "--dir must not be under $d (each host overlays it)"
  done
}

# Refuse to clobber anything that is not a stale lab of ours.
up_claim_dir() {
  if [[ -e $DIR/$MARKER ]]; then
    lab_alive "$DIR" && die "a lab is running in $DIR; run: lab down --dir $DIR"
    teardown "$DIR"
  elif [[ -e $DIR ]] && [[ -n $(ls -A "$DIR") ]]; then
    die "$DIR exists and was not made by lab up; choose another --dir"
  fi
  if (: <"/dev/tcp/$PREFIX.1/$SSH_PORT") 2>/dev/null; then
    die "$PREFIX.1:$SSH_PORT is already in use (another lab on --prefix $PREFIX?)"
  fi
  mkdir -p "$DIR/hosts" "$DIR/mirror" "$DIR/shared/records" "$DIR/shared/down"
  : >"$DIR/$MARKER"
}

up_shared() {
  cp "$LAB_ROOT/latency/$LATENCY.conf" "$DIR/shared/latency.conf"
  chmod 1777 "$DIR/shared/records"
  : >"$DIR/shared/records/commands.tsv"
  chmod 0666 "$DIR/shared/records/commands.tsv"
  ssh-keygen -q -t ed25519 -N '' -C "lab-client" -f "$DIR/id_ed25519"
  PW_HASH=
  if [[ $AUTH == password || $SUDO_PASSWORD == 1 ]]; then
    PASSWORD=${LAB_SSH_PASSWORD:-$(openssl rand -hex 12)}
    PW_HASH=$(printf '%s' "$PASSWORD" | openssl passwd -6 -stdin)
    [[ $AUTH == password ]] && write_secret "$DIR/ssh-password"
    [[ $SUDO_PASSWORD == 1 ]] && write_secret "$DIR/sudo-password"
  fi
  return 0
}

write_secret() {
  (umask 077 && printf '%s\n' "$PASSWORD" >"$1")
}

# build-mirror's output depends only on lab/tools, the prefix and the port: build it once into
# a cache next to DIR (LAB_MIRROR_CACHE) and copy it; tests start many labs.
up_mirror_build() {
  local tool=$LAB_ROOT/tools/build-mirror cache key tmp
  if [[ ! -x $tool ]]; then
    echo "lab/tools/build-mirror missing: serving an empty mirror" >"$DIR/mirror-build.log"
    return 0
  fi
  cache=${LAB_MIRROR_CACHE:-${DIR%/*}/.lab-mirror-cache}
  key=$(mirror_key)
  if [[ ! -d $cache/$key ]]; then
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/.build.XXXXXX")
    "$tool" "$tmp" "$PREFIX" "$MIRROR_PORT" >"$DIR/mirror-build.log" 2>&1 || { rm -rf "$tmp"; return 1; }
    chmod 0755 "$tmp"
    mv -T "$tmp" "$cache/$key" 2>/dev/null || rm -rf "$tmp"
  fi
  cp -a "$cache/$key/." "$DIR/mirror/"
}

mirror_key() {
  {
    printf '%s %s\n' "$PREFIX" "$MIRROR_PORT"
    (cd "$LAB_ROOT/tools" && find . -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# The server starts at once (python is slow to start); build-mirror fills the directory meanwhile.
up_mirror_start() {
  setsid /usr/bin/python3 -m http.server --bind "$PREFIX.254" --directory "$DIR/mirror" \
    "$MIRROR_PORT" </dev/null >"$DIR/mirror.log" 2>&1 &
  echo $! >"$DIR/mirror.pid"
  disown $!
}

sshd_config() {
  local root_login=prohibit-password password=no
  [[ $AUTH == password ]] && { root_login=yes; password=yes; }
  printf '%s\n' "# Written by lab up. A plain sshd for one lab host." \
    "ListenAddress $1:$SSH_PORT" \
    "HostKey /etc/ssh/ssh_host_ed25519_key" \
    "PidFile /run/sshd.pid" \
    "PermitRootLogin $root_login" \
    "PubkeyAuthentication yes" \
    "PasswordAuthentication $password" \
    "KbdInteractiveAuthentication no" \
    "UsePAM no" \
    "UseDNS no" \
    "StrictModes yes" \
    "AuthorizedKeysFile .ssh/authorized_keys" \
    "AcceptEnv LANG LC_* KUBEORCH_*" \
    "MaxSessions 64" \
    "MaxStartups 100:30:200" \
    "PrintMotd no" \
    "PrintLastLog no" \
    "X11Forwarding no" \
    "ForceCommand $HOST_LAB_DIR/lib/session" \
    "Subsystem sftp /usr/lib/openssh/sftp-server"
}

host_env() {
  local node=$1 address=$2 var
  local -A v=([LAB_NODE]=$node [LAB_ADDRESS]=$address [LAB_CPUS]=${HOST_CPUS[$node]:-$CPUS}
    [LAB_MEMORY_MB]=${HOST_MEMORY[$node]:-$MEMORY_MB} [LAB_PREFIX]=$PREFIX
    [LAB_MIRROR_URL]=http://$PREFIX.254:$MIRROR_PORT [LAB_SSH_PORT]=$SSH_PORT
    [LAB_USER]=$USER_NAME [LAB_PW_HASH]=$PW_HASH [LAB_SUDO_PASSWORD]=$SUDO_PASSWORD
    [LAB_DIR]=$DIR [LAB_ROOT]=$LAB_ROOT)
  for var in "${!v[@]}"; do printf '%s=%q\n' "$var" "${v[$var]}"; done
}

# prepare_host NODE ADDRESS: the host's upper dirs, keys and config, then its namespaces.
prepare_host() {
  local node=$1 address=$2 hd d n dirs=()
  hd=$DIR/hosts/$node
  for d in "${OVERLAY_DIRS[@]}"; do
    n=${d#/}
    dirs+=("$hd/upper/${n//\//-}" "$hd/work/${n//\//-}")
  done
  mkdir -p "${dirs[@]}" "$hd/upper/etc/ssh" "$hd/upper/var-lib/lab-shared" "$hd/upper/usr/lib/lab" \
    "$hd/root/.ssh" "$hd/rootfs"
  ssh-keygen -q -t ed25519 -N '' -C "root@$node" -f "$hd/upper/etc/ssh/ssh_host_ed25519_key"
  cp "$hd/upper/etc/ssh/ssh_host_ed25519_key.pub" "$hd/host_key.pub"
  sshd_config "$address" >"$hd/upper/etc/ssh/sshd_config"
  cp "$DIR/id_ed25519.pub" "$hd/root/.ssh/authorized_keys"
  chmod 0700 "$hd/root" "$hd/root/.ssh"
  host_env "$node" "$address" >"$hd/host.env"
  setsid unshare -m -u --propagation private -- "$LIB/host-init" "$hd" </dev/null >"$hd/log" 2>&1 &
  echo $! >"$hd/launch.pid"
}

# wait_hosts: every host reports ready (or failed) on HOST_DIR/status. No process per poll:
# with 50 hosts starting on 2 cores, polling must not compete with them.
wait_hosts() {
  local node hd status pid pending deadline=$((SECONDS + 120))
  while :; do
    pending=0
    for node in $ALL_NODES; do
      hd=$DIR/hosts/$node
      [[ -f $hd/pid ]] && continue
      status=
      [[ -f $hd/status ]] && { read -r status <"$hd/status" || true; }
      case $status in
        ready\ *) host_ready "$hd" "${status#ready }" ;;
        failed*) host_failed "$node" "$status" ;;
        *)
          pid=
          [[ -f $hd/launch.pid ]] && read -r pid <"$hd/launch.pid"
          [[ -z $pid || -e /proc/$pid ]] || host_failed "$node" "host-init exited"
          pending=1
          ;;
      esac
    done
    ((pending)) || return 0
    ((SECONDS < deadline)) || die "hosts did not come up within 120 s"
    sleep 0.05
  done
}

host_ready() {
  echo "$2" >"$1/pid"
}

host_failed() {
  echo "lab: host $1 failed to start: $2" >&2
  sed 's/^/  | /' "$DIR/hosts/$1/log" >&2 || true
  exit 1
}

write_known_hosts() {
  local node address key i=0
  for node in $ALL_NODES; do
    i=$((i + 1))
    address=$PREFIX.$i
    key=$(cut -d' ' -f1,2 "$DIR/hosts/$node/host_key.pub")
    printf '%s %s\n' "$address" "$key"
    [[ $SSH_PORT == 22 ]] || printf '[%s]:%s %s\n' "$address" "$SSH_PORT" "$key"
  done >"$DIR/known_hosts"
}

write_inventory() {
  local node i=0 roles registry=$PREFIX.254:5000/google_containers mirror
  mirror=http://$PREFIX.254:$MIRROR_PORT
  cat <<EOF
name: lab
kubernetes:
  version: 1.28.2
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
  imageRepository: $registry
containerd:
  version: 1.6.22
  sandboxImage: $registry/pause:3.9
  registryMirrors: []
repositories:
  containerd: $mirror/openeuler/24.03-LTS/everything/x86_64/
  kubernetes: $mirror/kubernetes/core/stable/v1.28/rpm/
network:
  plugin: calico
  version: v3.26.1
  manifestUrl: $mirror/calico/v3.26.1/calico.yaml
ssh:
  user: $USER_NAME
  port: $SSH_PORT
EOF
  if [[ $AUTH == password ]]; then
    echo "  passwordEnv: LAB_SSH_PASSWORD"
  else
    echo "  privateKeyFile: $DIR/id_ed25519"
  fi
  echo "  knownHostsFile: $DIR/known_hosts"
  if [[ $USER_NAME == root ]]; then echo "  sudo: false"; else echo "  sudo: true"; fi
  [[ $SUDO_PASSWORD == 0 ]] || echo "  sudoPasswordEnv: LAB_SUDO_PASSWORD"
  echo "nodes:"
  for node in $ALL_NODES; do
    i=$((i + 1))
    roles=worker
    [[ $node == master* ]] && roles=control-plane
    printf '  - name: %s\n    address: %s.%s\n    roles: [%s]\n' "$node" "$PREFIX" "$i" "$roles"
  done
}

write_lab_env() {
  local addresses="" i
  for ((i = 1; i <= NODES; i++)); do addresses+="${addresses:+ }$PREFIX.$i"; done
  {
    printf 'LAB_DIR=%q\nLAB_PREFIX=%q\nLAB_PORT=%q\nLAB_SSH_PORT=%q\n' \
      "$DIR" "$PREFIX" "$MIRROR_PORT" "$SSH_PORT"
    printf 'LAB_NODES=%q\nLAB_ADDRESSES=%q\nLAB_CONTROL_PLANES=%q\n' \
      "$ALL_NODES" "$addresses" "$CONTROL_PLANES"
    printf 'LAB_USER=%q\nLAB_AUTH=%q\nLAB_LATENCY=%q\nLAB_MIRROR_URL=%q\n' \
      "$USER_NAME" "$AUTH" "$LATENCY" "http://$PREFIX.254:$MIRROR_PORT"
    printf 'LAB_INVENTORY=%q\nLAB_SSH_KEY=%q\nLAB_KNOWN_HOSTS=%q\nLAB_SHARED=%q\n' \
      "$DIR/inventory.yaml" "$DIR/id_ed25519" "$DIR/known_hosts" "$DIR/shared"
    [[ $AUTH != password ]] || printf 'LAB_SSH_PASSWORD=%q\n' "$PASSWORD"
    [[ $SUDO_PASSWORD == 0 ]] || printf 'LAB_SUDO_PASSWORD=%q\n' "$PASSWORD"
  } >"$DIR/lab.env"
}

up_failed() {
  local rc=$?
  ((rc == 0)) && return 0
  echo "lab: lab up failed; removing what it made" >&2
  LAB_KEEP_FAILED=${LAB_KEEP_FAILED:-0}
  if [[ $LAB_KEEP_FAILED == 1 ]]; then
    echo "lab: LAB_KEEP_FAILED=1: leaving $DIR for inspection (lab down cleans it)" >&2
  else
    teardown "$DIR" || true
  fi
  exit "$rc"
}

cmd_up() {
  need_root
  up_defaults
  up_parse "$@"
  up_validate
  local t0=$SECONDS node i=0 build_pid pid preparing=()
  ALL_NODES=$(node_names "$CONTROL_PLANES" "$NODES" | paste -sd' ')
  up_claim_dir
  trap up_failed EXIT
  up_shared
  up_mirror_start
  up_mirror_build &
  build_pid=$!
  for node in $ALL_NODES; do
    i=$((i + 1))
    prepare_host "$node" "$PREFIX.$i" &
    preparing+=($!)
  done
  for pid in "${preparing[@]}"; do wait "$pid" || die "preparing a host failed"; done
  wait "$build_pid" || die "build-mirror failed: $(tail -5 "$DIR/mirror-build.log")"
  wait_listening "$PREFIX.254" "$MIRROR_PORT" || die "mirror server did not start: $(tail -3 "$DIR/mirror.log")"
  wait_hosts
  write_known_hosts
  write_inventory >"$DIR/inventory.yaml"
  write_lab_env
  setsid "$LIB/cluster-clock" "$DIR" </dev/null >"$DIR/cluster-clock.log" 2>&1 &
  echo $! >"$DIR/cluster-clock.pid"
  disown $!
  trap - EXIT
  say "up: $NODES hosts on $PREFIX.1-$NODES, mirror http://$PREFIX.254:$MIRROR_PORT, dir $DIR ($((SECONDS - t0)) s)"
}
