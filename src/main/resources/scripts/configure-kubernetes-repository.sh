#!/bin/bash
# Guide step 14: /etc/yum.repos.d/kubernetes.repo for the inventory's Kubernetes repository.
# The packages are excluded from ordinary updates; signatures are checked for https sources.
set -euo pipefail
require_env KUBERNETES_REPO_URL

gpg="gpgcheck=0"
case $KUBERNETES_REPO_URL in
  https://*) gpg="gpgcheck=1
gpgkey=${KUBERNETES_REPO_URL%/}/repodata/repomd.xml.key" ;;
esac
ensure_file /etc/yum.repos.d/kubernetes.repo 0644 "[kubernetes]
name=Kubernetes
baseurl=$KUBERNETES_REPO_URL
enabled=1
$gpg
exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni"
