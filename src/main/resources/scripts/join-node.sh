#!/bin/bash
# Guide step 23: kubeadm join. With JOIN_CHECK=true it only reports whether the node has
# joined already (/etc/kubernetes/kubelet.conf). The token and certificate key arrive as
# JOIN_TOKEN and CERTIFICATE_KEY; kubeadm's output is kept masked in
# /var/log/kubeorch/kubeadm-join.log.
set -euo pipefail

log=/var/log/kubeorch/kubeadm-join.log
if [[ -f /etc/kubernetes/kubelet.conf ]]; then
  fact joined already
  exit 0
fi
if [[ ${JOIN_CHECK:-false} == true ]]; then
  fact joined no
  exit 0
fi
require_env JOIN_ENDPOINT JOIN_TOKEN JOIN_CA_CERT_HASH NODE_NAME NODE_ADDRESS

mask() {
  sed -E -e 's/[a-z0-9]{6}\.[a-z0-9]{16}/<token>/g' -e 's/[a-f0-9]{64}/<hidden>/g'
}

flags=(--token "$JOIN_TOKEN" --discovery-token-ca-cert-hash "$JOIN_CA_CERT_HASH" --node-name "$NODE_NAME")
if [[ ${CONTROL_PLANE:-false} == true ]]; then
  require_env CERTIFICATE_KEY
  flags+=(--control-plane --certificate-key "$CERTIFICATE_KEY" --apiserver-advertise-address "$NODE_ADDRESS")
fi
mkdir -p "$(dirname "$log")"
rc=0
output=$(kubeadm join "$JOIN_ENDPOINT" "${flags[@]}" 2>&1) || rc=$?
(umask 077 && mask <<<"$output" >"$log")
if ((rc != 0)); then
  tail -n 15 "$log" >&2
  die "kubeadm join $JOIN_ENDPOINT failed (exit $rc); full output in $log on this node"
fi
changed "joined the cluster at $JOIN_ENDPOINT"
fact joined now
