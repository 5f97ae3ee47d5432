#!/bin/bash
# Guide steps 9-12: /etc/containerd/config.toml is containerd's own default with
# SystemdCgroup = true, the inventory's sandbox (pause) image and registry mirrors through
# config_path=/etc/containerd/certs.d. Written only when it differs; a running containerd is
# restarted to pick it up. REGISTRY_MIRRORS: one mirror URL per line (mirrors of docker.io).
set -euo pipefail
require_env SANDBOX_IMAGE

config=/etc/containerd/config.toml
certs=/etc/containerd/certs.d
hosts_toml=$certs/docker.io/hosts.toml
marker='# managed by kubeorch'

default=$(containerd config default) || die "containerd config default failed: is containerd installed?"
desired=$(CERTS_DIR=$certs awk '
  /^[[:space:]]*\[/ { section = $0; sub(/^[[:space:]]*/, "", section) }
  function indent() { match($0, /^[[:space:]]*/); return substr($0, 1, RLENGTH) }
  /^[[:space:]]*SystemdCgroup = / { print indent() "SystemdCgroup = true"; next }
  /^[[:space:]]*sandbox_image = / { print indent() "sandbox_image = \"" ENVIRON["SANDBOX_IMAGE"] "\""; next }
  /^[[:space:]]*config_path = / && section == "[plugins.\"io.containerd.grpc.v1.cri\".registry]" {
    print indent() "config_path = \"" ENVIRON["CERTS_DIR"] "\""; next }
  { print }' <<<"$default")
grep -q '^[[:space:]]*SystemdCgroup = true' <<<"$desired" ||
  die "containerd's default config has no SystemdCgroup setting: unexpected containerd version"
grep -qF "sandbox_image = \"$SANDBOX_IMAGE\"" <<<"$desired" ||
  die "containerd's default config has no sandbox_image setting: unexpected containerd version"

if [[ -n ${REGISTRY_MIRRORS:-} ]]; then
  mirrors_toml=$(printf '%s\nserver = "https://docker.io"\n' "$marker")
  while IFS= read -r mirror; do
    [[ -n $mirror ]] || continue
    mirrors_toml+=$(printf '\n\n[host."%s"]\n  capabilities = ["pull", "resolve"]' "$mirror")
  done <<<"$REGISTRY_MIRRORS"
  ensure_file "$hosts_toml" 0644 "$mirrors_toml"
elif [[ -f $hosts_toml ]] && grep -qxF "$marker" "$hosts_toml"; then
  rm -f "$hosts_toml"
  changed "removed registry mirrors ($hosts_toml)"
fi

if content_differs "$config" "$desired"; then
  ensure_file "$config" 0644 "$desired"
  if [[ $(unit_state containerd) == active ]]; then
    systemctl restart containerd
    changed "restarted containerd"
  fi
fi
fact sandboxImage "$SANDBOX_IMAGE"
