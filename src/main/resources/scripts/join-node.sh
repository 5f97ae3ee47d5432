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

flags=(--token "$JOIN_TOKEN" --discovery-token-ca-cert-hash "$JOIN_CA_CERT_HASH" --node-name "$NODE_NAME")
if [[ ${CONTROL_PLANE:-false} == true ]]; then
  require_env CERTIFICATE_KEY
  flags+=(--control-plane --certificate-key "$CERTIFICATE_KEY" --apiserver-advertise-address "$NODE_ADDRESS")
fi
run_logged "$log" "kubeadm join $JOIN_ENDPOINT" kubeadm join "$JOIN_ENDPOINT" "${flags[@]}"
changed "joined the cluster at $JOIN_ENDPOINT"
fact joined now
