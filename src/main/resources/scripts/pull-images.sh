#!/bin/bash
# Guide step 18: the control-plane images of the pinned version, pulled ahead of init from
# the inventory's image repository. Nothing is pulled when crictl already lists them all.
set -euo pipefail
require_env KUBERNETES_VERSION IMAGE_REPOSITORY

flags=(--kubernetes-version "v$KUBERNETES_VERSION" --image-repository "$IMAGE_REPOSITORY")
wanted=$(kubeadm config images list "${flags[@]}" 2>/dev/null) ||
  die "kubeadm config images list failed: $(kubeadm config images list "${flags[@]}" 2>&1 | tail -n 5)"
present=$(crictl images 2>/dev/null | awk 'NR > 1 { print $1 ":" $2 }') ||
  die "crictl images failed: is containerd running? $(crictl images 2>&1 | tail -n 3)"
missing=$(grep -vxF -f <(printf '%s\n' "$present") <<<"$wanted" || true)
if [[ -n $missing ]]; then
  kubeadm config images pull "${flags[@]}" >&2
  changed "pulled $(wc -l <<<"$missing") images from $IMAGE_REPOSITORY"
fi
fact images "$wanted"
