#!/bin/bash
# Guide step 24: the Calico manifest from the inventory's URL, with CALICO_IPV4POOL_CIDR set
# to the pod subnet, applied with kubectl only when it differs from the copy applied last
# (/etc/kubernetes/kubeorch/calico.yaml).
set -euo pipefail
require_env MANIFEST_URL POD_SUBNET

admin=/etc/kubernetes/admin.conf
applied=/etc/kubernetes/kubeorch/calico.yaml
[[ -f $admin ]] || die "$admin does not exist: kubeadm init has not run on this node"

download=$(mktemp)
trap 'rm -f "$download"' EXIT
curl -fsSL --retry 3 --max-time 120 -o "$download" "$MANIFEST_URL" ||
  die "could not download the network plugin manifest from $MANIFEST_URL: check network.manifestUrl and that this node reaches it"
# Uncomment (or replace) CALICO_IPV4POOL_CIDR and its value, keeping the manifest's indentation.
desired=$(awk '
  function indent() { match($0, /^[[:space:]]*/); return substr($0, 1, RLENGTH) }
  /^[[:space:]]*(#[[:space:]]*)?- name: CALICO_IPV4POOL_CIDR[[:space:]]*$/ {
    i = indent(); print i "- name: CALICO_IPV4POOL_CIDR"; pending = 1; next }
  pending && /^[[:space:]]*(#[[:space:]]*)?value:/ {
    print i "  value: \"" ENVIRON["POD_SUBNET"] "\""; pending = 0; found = 1; next }
  { pending = 0; print }
  END { exit !found }' "$download") ||
  die "the manifest at $MANIFEST_URL has no CALICO_IPV4POOL_CIDR setting: is it a Calico manifest?"

if content_differs "$applied" "$desired"; then
  printf '%s\n' "$desired" >"$download"
  kubectl --kubeconfig "$admin" apply -f "$download" >&2
  mkdir -p "$(dirname "$applied")"
  install -m 0644 "$download" "$applied"
  changed "applied $MANIFEST_URL with CALICO_IPV4POOL_CIDR=$POD_SUBNET"
fi
