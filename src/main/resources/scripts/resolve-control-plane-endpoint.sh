#!/bin/bash
# The control-plane endpoint's name in /etc/hosts, one marked block replaced as a whole.
# ENDPOINT_ADDRESS is where the name leads on this node (the VIP, the balancer, 127.0.0.1 for the
# local proxy). On a control plane in local-proxy mode (PROBE=true) the name leads to the node
# itself once its API server answers, before that to the first of PEER_ADDRESSES whose API server
# answers, and to the node itself while none does (the first control plane before kubeadm init).
set -euo pipefail
require_env ENDPOINT_NAME NODE_ADDRESS

hosts=/etc/hosts
begin='# BEGIN kubeorch control-plane endpoint (managed, do not edit)'
end='# END kubeorch control-plane endpoint'

# answers ADDRESS: its API server's /healthz says ok. Anonymous and without the CA on purpose:
# a node that has not joined has neither, and nothing secret is sent or trusted here.
answers() {
  command -v kubectl >/dev/null || return 1
  [[ "$(kubectl --server "https://$1:6443" --insecure-skip-tls-verify --request-timeout=5s get --raw /healthz 2>/dev/null)" == ok ]]
}

target=${ENDPOINT_ADDRESS:-}
if [[ ${PROBE:-false} == true ]]; then
  target=$NODE_ADDRESS
  if ! answers "$NODE_ADDRESS"; then
    for peer in ${PEER_ADDRESSES:-}; do
      if answers "$peer"; then
        target=$peer
        break
      fi
    done
  fi
fi
[[ -n $target ]] || die "internal error: no address for $ENDPOINT_NAME was passed to the script"

current=$(cat "$hosts" 2>/dev/null || true)
desired=$(with_block "$current" "$begin" "$end" "$target $ENDPOINT_NAME")
if [[ $current != "$desired" ]]; then
  printf '%s\n' "$desired" >"$hosts.kubeorch-new"
  chmod 0644 "$hosts.kubeorch-new"
  mv -f "$hosts.kubeorch-new" "$hosts"
  changed "$ENDPOINT_NAME now resolves to $target in $hosts"
fi
fact endpointAddress "$target"
