#!/bin/bash
# Guide step 15: kubelet, kubeadm and kubectl at the cluster's version.
set -euo pipefail
require_env KUBERNETES_VERSION

missing=()
for package in kubelet kubeadm kubectl; do
  [[ $(rpm -q "$package" 2>/dev/null || true) == "$package-$KUBERNETES_VERSION-"* ]] ||
    missing+=("$package-$KUBERNETES_VERSION")
done
if ((${#missing[@]})); then
  dnf install -y "${missing[@]}" --disableexcludes=kubernetes >&2
  changed "installed ${missing[*]}"
fi
packages=""
for package in kubelet kubeadm kubectl; do
  installed=$(rpm -q "$package" 2>/dev/null || true)
  [[ $installed == "$package-$KUBERNETES_VERSION-"* ]] ||
    die "$package $KUBERNETES_VERSION is not installed after dnf install (rpm -q: $installed)"
  packages+="$installed"$'\n'
done
fact kubernetesPackages "${packages%$'\n'}"
