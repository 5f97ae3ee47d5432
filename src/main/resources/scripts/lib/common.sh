# shellcheck shell=bash
# Shared preamble, prepended by kubeorch to every step script before it is sent to a node.
#
# Output protocol (read by io.kubeorch.ssh.ScriptOutput), one record per stdout line:
#   changed: <what>      the script changed something on the node (any such line => changed)
#   fact: <key>=<value>  something learned; the value is one line, "\n" and "\\" escaped
# Every other stdout line is free text. Errors go to stderr; a non-zero exit fails the step.

changed() { printf 'changed: %s\n' "$*"; }

fact() { # KEY VALUE
  local value=$2
  value=${value//\\/\\\\}
  value=${value//$'\n'/\\n}
  printf 'fact: %s=%s\n' "$1" "$value"
}

die() {
  printf '%s\n' "$*" >&2
  exit 1
}

# require_env NAME...: fails when a variable the script needs was not passed.
require_env() {
  local name
  for name in "$@"; do
    [[ -n ${!name:-} ]] || die "internal error: environment variable $name was not passed to the script"
  done
}

# content_differs FILE CONTENT: true when FILE is missing or holds other content
# (trailing line breaks aside).
content_differs() {
  [[ ! -f $1 ]] || [[ "$(cat -- "$1")" != "$(printf '%s' "$2")" ]]
}

# ensure_file FILE MODE CONTENT: writes CONTENT (plus a final newline) when it differs.
ensure_file() {
  local file=$1 mode=$2 content
  content=$(printf '%s' "$3")
  content_differs "$file" "$content" || return 0
  mkdir -p -- "$(dirname -- "$file")"
  printf '%s\n' "$content" >"$file.kubeorch-new"
  chmod "$mode" "$file.kubeorch-new"
  mv -f -- "$file.kubeorch-new" "$file"
  changed "wrote $file"
}

# unit_state UNIT: prints systemctl is-active's answer without failing.
unit_state() { systemctl is-active "$1" 2>/dev/null || true; }

# unit_enabled UNIT: true when the unit is enabled.
unit_enabled() { [[ "$(systemctl is-enabled "$1" 2>/dev/null || true)" == enabled ]]; }

# run_logged LOG WHAT COMMAND...: runs COMMAND, keeping its output in LOG on the node with join
# tokens and 64-hex keys masked (kubeadm prints both); on failure shows the log's tail and fails.
run_logged() {
  local log=$1 what=$2 output rc=0
  shift 2
  mkdir -p "$(dirname "$log")"
  output=$("$@" 2>&1) || rc=$?
  (umask 077 && sed -E -e 's/[a-z0-9]{6}\.[a-z0-9]{16}/<token>/g' -e 's/[a-f0-9]{64}/<hidden>/g' <<<"$output" >"$log")
  if ((rc != 0)); then
    tail -n 15 "$log" >&2
    die "$what failed (exit $rc); full output in $log on this node"
  fi
}

# with_block TEXT BEGIN END LINES: TEXT with the block BEGIN..END holding LINES, in its place
# when TEXT has it, else appended: steps that own different blocks of one file leave each
# other's in place.
with_block() {
  BLOCK_LINES=$4 awk -v b="$2" -v e="$3" '
    $0 == b { print b; print ENVIRON["BLOCK_LINES"]; print e; skip = 1; done = 1; next }
    skip && $0 == e { skip = 0; next }
    !skip { print }
    END { if (!done) { print b; print ENVIRON["BLOCK_LINES"]; print e } }' <<<"$1" | sed '/./,$!d'
}

# unavailable WHY: this host cannot serve the step (kubeorch tries another control plane); nothing
# was changed here.
unavailable() {
  fact unavailable "$*"
  exit 0
}

# require_api: this control plane's admin kubeconfig reaches an API server that answers, or unavailable.
require_api() {
  local answer
  [[ -f /etc/kubernetes/admin.conf ]] || unavailable "/etc/kubernetes/admin.conf does not exist here"
  answer=$(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s get --raw /healthz 2>&1) ||
    unavailable "the API server does not answer through /etc/kubernetes/admin.conf: $(tail -n 1 <<<"$answer")"
}

# find_etcd: ETCD, the id of this control plane's running etcd container, or unavailable.
find_etcd() {
  command -v crictl >/dev/null || unavailable "crictl is not installed here"
  ETCD=$(crictl --runtime-endpoint=unix:///run/containerd/containerd.sock ps --name '^etcd$' --state running -q \
    2>/dev/null | head -n 1 || true)
  [[ -n $ETCD ]] || unavailable "no etcd container runs here"
}

# etcdctl_local ARGS...: etcdctl inside the etcd container (kubeadm installs none on the host), to
# the local member, with kubeadm's etcd health-check client certificate.
etcdctl_local() {
  crictl --runtime-endpoint=unix:///run/containerd/containerd.sock exec "$ETCD" etcdctl \
    --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt \
    --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@"
}
