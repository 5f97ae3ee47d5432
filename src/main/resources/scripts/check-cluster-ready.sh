#!/bin/bash
# Guide steps 25-26, read-only: are all nodes Ready and Calico's pods Running?
# Looks again every second for up to WAIT_SECONDS, so a cluster that becomes Ready is seen within
# a second rather than at the process's next poll. Never fails because the cluster is not ready
# yet: it reports ready=false and the process polls again.
# EXPECTED_NODES: the inventory's node names, one per line.
set -euo pipefail
require_env EXPECTED_NODES
require_env WAIT_SECONDS

admin=/etc/kubernetes/admin.conf
[[ -f $admin ]] || die "$admin does not exist: kubeadm init has not run on this node"
expected=$(grep -c . <<<"$EXPECTED_NODES")

# check: sets ready, api_error, summary, calico_nodes, controllers
check() {
  local nodes pods name status
  ready=false api_error="" summary="" calico_nodes=0 controllers=0
  if ! nodes=$(kubectl --kubeconfig "$admin" get nodes --no-headers 2>&1); then
    api_error=$(tail -n 1 <<<"$nodes")
    return
  fi
  pods=$(kubectl --kubeconfig "$admin" get pods -n kube-system --no-headers 2>/dev/null || true)
  ready=true
  while IFS= read -r name; do
    [[ -n $name ]] || continue
    status=$(awk -v n="$name" '$1 == n { print $2 }' <<<"$nodes")
    summary+="$name=${status:-Missing}"$'\n'
    [[ $status == Ready ]] || ready=false
  done <<<"$EXPECTED_NODES"
  calico_nodes=$(awk '$1 ~ /^calico-node-/ && $3 == "Running"' <<<"$pods" | grep -c . || true)
  controllers=$(awk '$1 ~ /^calico-kube-controllers-/ && $3 == "Running"' <<<"$pods" | grep -c . || true)
  ((calico_nodes >= expected && controllers >= 1)) || ready=false
}

deadline=$((SECONDS + WAIT_SECONDS))
check
while [[ $ready != true ]] && ((SECONDS < deadline)); do
  sleep 1
  check
done

if [[ -n $api_error ]]; then
  fact apiServer "not answering: $api_error"
else
  fact nodes "${summary%$'\n'}"
  fact calicoNodesRunning "$calico_nodes"
  fact calicoControllersRunning "$controllers"
fi
fact ready "$ready"
