#!/bin/bash
# Guide step 4: every node's "address name" in /etc/hosts, in one marked block that is
# replaced as a whole in its place (never appended twice). HOSTS_ENTRIES holds one "address name" per line.
set -euo pipefail
require_env HOSTS_ENTRIES

hosts=/etc/hosts
begin='# BEGIN kubeorch cluster nodes (managed, do not edit)'
end='# END kubeorch cluster nodes'
current=$(cat "$hosts" 2>/dev/null || true)
desired=$(with_block "$current" "$begin" "$end" "$HOSTS_ENTRIES")
if [[ $current != "$desired" ]]; then
  printf '%s\n' "$desired" >"$hosts"
  changed "wrote the cluster's nodes into $hosts"
fi
