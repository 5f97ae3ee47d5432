#!/bin/bash
# kube-vip's static pod manifest (kube-vip mode, control planes): KUBE_VIP_MANIFEST as
# /etc/kubernetes/manifests/kube-vip.yaml, written when it differs. The kubelet starts it; on the
# first control plane it must be there before kubeadm init, which waits for the API through the VIP.
set -euo pipefail
require_env KUBE_VIP_MANIFEST

ensure_file /etc/kubernetes/manifests/kube-vip.yaml 0600 "$KUBE_VIP_MANIFEST"
