#!/bin/bash
# Guide step 23: kubeadm join. With JOIN_CHECK=true it only reports whether the node has
# joined already (/etc/kubernetes/kubelet.conf). The token and certificate key arrive as
# JOIN_TOKEN and CERTIFICATE_KEY and reach kubeadm in a JoinConfiguration file readable by root
# only, removed again after the join: on kubeadm's command line they would show in ps and in an
# audit log of executed commands. kubeadm's output is kept masked in
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

config=/etc/kubernetes/kubeorch/kubeadm-join.yaml
mkdir -p "$(dirname "$config")"
trap 'rm -f "$config"' EXIT
control_plane=""
if [[ ${CONTROL_PLANE:-false} == true ]]; then
  require_env CERTIFICATE_KEY
  control_plane=$(printf 'controlPlane:\n  localAPIEndpoint:\n    advertiseAddress: %s\n    bindPort: 6443\n  certificateKey: %s\n' \
    "$NODE_ADDRESS" "$CERTIFICATE_KEY")
fi
(
  umask 077
  printf '%s\n' "apiVersion: kubeadm.k8s.io/v1beta3" "kind: JoinConfiguration" "discovery:" \
    "  bootstrapToken:" "    apiServerEndpoint: $JOIN_ENDPOINT" "    token: $JOIN_TOKEN" \
    "    caCertHashes:" "    - $JOIN_CA_CERT_HASH" "nodeRegistration:" "  name: $NODE_NAME" \
    "  criSocket: unix:///var/run/containerd/containerd.sock" >"$config"
  [[ -z $control_plane ]] || printf '%s\n' "$control_plane" >>"$config"
)
run_logged "$log" "kubeadm join $JOIN_ENDPOINT" kubeadm join --config "$config"
changed "joined the cluster at $JOIN_ENDPOINT"
fact joined now
