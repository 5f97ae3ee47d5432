#!/bin/bash
# Guide step 7 (optional): a package repository for containerd, only when the inventory sets
# repositories.containerd (CONTAINERD_REPO_URL); otherwise the OS repositories are used.
set -euo pipefail

if [[ -z ${CONTAINERD_REPO_URL:-} ]]; then
  fact containerdRepository "os repositories"
  exit 0
fi
# Signatures are checked when the repository is served over https, with its key where
# pkgs.k8s.io-style repositories publish it; a plain-http mirror (air-gapped site) is trusted.
gpg="gpgcheck=0"
case $CONTAINERD_REPO_URL in
  https://*) gpg="gpgcheck=1
gpgkey=${CONTAINERD_REPO_URL%/}/repodata/repomd.xml.key" ;;
esac
ensure_file /etc/yum.repos.d/kubeorch-containerd.repo 0644 "[kubeorch-containerd]
name=containerd (kubeorch)
baseurl=$CONTAINERD_REPO_URL
enabled=1
$gpg"
fact containerdRepository "$CONTAINERD_REPO_URL"
