#!/bin/bash
# Guide step 21: kubeadm init on the first control plane, with the approved configuration.
# Skipped when admin.conf exists and the API server answers. kubeadm's output names the join
# token and certificate key: it is kept masked in /var/log/kubeorch/kubeadm-init.log and
# never printed.
set -euo pipefail

config=/etc/kubernetes/kubeadm-config.yaml
admin=/etc/kubernetes/admin.conf
log=/var/log/kubeorch/kubeadm-init.log

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
run_logged "$log" "kubeadm init" kubeadm init "${flags[@]}"
changed "initialized the control plane (kubeadm init ${flags[*]})"
fact initialized now
