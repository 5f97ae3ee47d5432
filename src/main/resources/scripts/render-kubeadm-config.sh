#!/bin/bash
# Guide step 19: the kubeadm configuration kubeorch rendered (KUBEADM_CONFIG) is written to
# /etc/kubernetes/kubeadm-config.yaml, only when it differs.
set -euo pipefail
require_env KUBEADM_CONFIG

ensure_file /etc/kubernetes/kubeadm-config.yaml 0600 "$KUBEADM_CONFIG"
