#!/bin/bash
# Recovery ("reset node and retry"), a removed node, a teardown: kubeadm reset -f (which stops the
# kubelet and takes a control plane's etcd member out), plus what it leaves behind: the CNI
# configuration, the admin kubeconfig, kubeorch's record of the applied network plugin, and the
# iptables chains of kube-proxy and Calico. The host can then be added to a cluster again.
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
# What kubeadm leaves of /etc/kubernetes is empty directories: gone too, unless something else is kept there.
if [[ -d /etc/kubernetes && -z $(find /etc/kubernetes ! -type d -print -quit) ]]; then
  rm -rf /etc/kubernetes
  changed "removed the empty /etc/kubernetes"
fi
# Kubernetes' and Calico's iptables chains (kube-proxy's KUBE-*, calico-node's cali-*) and the rules
# that jump to them, and only those: the host's own rules stay. (Flushing every table, as some tools
# do, cuts SSH off where the default policy drops.)
chains='(KUBE-|cali-)'
for save in iptables-save ip6tables-save; do
  restore=${save%-save}-restore
  if ! command -v "$save" >/dev/null || ! command -v "$restore" >/dev/null; then
    continue
  fi
  for table in filter nat mangle raw; do
    rules=$("$save" -t "$table" 2>/dev/null) || continue
    grep -Eq -- "^:$chains|-j $chains" <<<"$rules" || continue
    grep -Ev -- "^:$chains|^-A $chains|-j $chains" <<<"$rules" | "$restore"
    changed "removed Kubernetes' and Calico's chains from the $table table ($save)"
  done
done
