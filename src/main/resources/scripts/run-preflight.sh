#!/bin/bash
# kubeadm's preflight checks for init, run before an operator approves init. Read-only
# apart from pulling images. Skipped when this host already runs the cluster's API server.
set -euo pipefail

config=/etc/kubernetes/kubeadm-config.yaml
if [[ -f /etc/kubernetes/admin.conf ]] && kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes >/dev/null 2>&1; then
  fact initialized true
  exit 0
fi
[[ -f $config ]] || die "$config is missing: run renderKubeadmConfig first"
fact initialized false

rc=0
output=$(kubeadm init phase preflight --config "$config" 2>&1) || rc=$?
fact preflightWarnings "$(sed -n 's/^[[:space:]]*\(\[WARNING [^]]*\]: .*\)$/\1/p' <<<"$output")"
fact preflightErrors "$(sed -n 's/^[[:space:]]*\(\[ERROR [^]]*\]: .*\)$/\1/p' <<<"$output")"
if ((rc != 0)) && ! grep -q '\[ERROR ' <<<"$output"; then
  printf '%s\n' "$output" | tail -n 20 >&2
  die "kubeadm init phase preflight failed (exit $rc) without reporting a preflight error"
fi
