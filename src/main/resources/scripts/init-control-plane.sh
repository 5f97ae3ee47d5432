#!/bin/bash
# Guide step 21: kubeadm init on the first control plane, with the approved configuration.
# Skipped when admin.conf exists and the API server answers. kubeadm's output names the join
# token and certificate key: it is kept masked in /var/log/kubeorch/kubeadm-init.log and
# never printed.
set -euo pipefail

config=/etc/kubernetes/kubeadm-config.yaml
admin=/etc/kubernetes/admin.conf
log=/var/log/kubeorch/kubeadm-init.log

mask() {
  sed -E -e 's/[a-z0-9]{6}\.[a-z0-9]{16}/<token>/g' -e 's/[a-f0-9]{64}/<hidden>/g'
}

if [[ -f $admin ]]; then
  if kubectl --kubeconfig "$admin" get nodes >/dev/null 2>&1; then
    fact initialized already
    exit 0
  fi
  die "$admin exists but the API server does not answer: a previous kubeadm init did not finish.
Reset this node (kubeadm reset -f, offered as 'reset node and retry') and retry."
fi
[[ -f $config ]] || die "$config is missing: run renderKubeadmConfig first"

flags=(--config "$config")
[[ ${UPLOAD_CERTS:-false} == true ]] && flags+=(--upload-certs)
mkdir -p "$(dirname "$log")"
rc=0
output=$(kubeadm init "${flags[@]}" 2>&1) || rc=$?
(umask 077 && mask <<<"$output" >"$log")
if ((rc != 0)); then
  tail -n 15 "$log" >&2
  die "kubeadm init failed (exit $rc); full output in $log on this node"
fi
changed "initialized the control plane (kubeadm init ${flags[*]})"
fact initialized now
