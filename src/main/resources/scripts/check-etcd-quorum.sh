#!/bin/bash
# Read-only, before a control plane's removal: what this control plane's etcd says about its
# cluster: the member list (it needs quorum: empty with membersError otherwise) and which of
# CONTROL_PLANE_ADDRESSES has a member that answers. kubeorch decides whether the removal keeps quorum.
set -euo pipefail
require_env CONTROL_PLANE_ADDRESSES
find_etcd

if list=$(etcdctl_local member list 2>&1); then
  fact members "$list"
else
  fact members ""
  fact membersError "$(tail -n 1 <<<"$list")"
fi
started=""
for address in $CONTROL_PLANE_ADDRESSES; do
  if etcdctl_local --endpoints="https://$address:2379" endpoint status >/dev/null 2>&1; then
    started+="$address "
  fi
done
fact startedAddresses "${started% }"
