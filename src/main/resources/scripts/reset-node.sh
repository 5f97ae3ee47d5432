#!/bin/bash
# Recovery ("reset node and retry"): kubeadm reset -f, plus what it leaves behind: the CNI
# configuration, the admin kubeconfig and kubeorch's record of the applied network plugin.
set -euo pipefail

home=$(getent passwd root | cut -d: -f6)
leftovers=(/etc/kubernetes/admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf
  /etc/kubernetes/pki /var/lib/kubelet)
needs_reset=false
for path in "${leftovers[@]}"; do
  [[ -e $path ]] && needs_reset=true
done
compgen -G '/etc/kubernetes/manifests/*.yaml' >/dev/null && needs_reset=true
[[ -d /var/lib/etcd && -n $(ls -A /var/lib/etcd) ]] && needs_reset=true

if [[ $needs_reset == true ]]; then
  command -v kubeadm >/dev/null || die "kubeadm is not installed but the node holds cluster files: remove them by hand"
  kubeadm reset -f >&2
  changed "reset the node (kubeadm reset -f)"
fi
for path in /etc/cni/net.d "$home/.kube/config" /etc/kubernetes/kubeorch; do
  if [[ -e $path ]]; then
    rm -rf -- "$path"
    changed "removed $path"
  fi
done
