#!/bin/bash
# Guide steps 25-26, read-only: are all nodes Ready and Calico's pods Running?
# Never fails because the cluster is not ready yet: it reports ready=false and the process
# polls again. EXPECTED_NODES: the inventory's node names, one per line.
set -euo pipefail
require_env EXPECTED_NODES

admin=/etc/kubernetes/admin.conf
[[ -f $admin ]] || die "$admin does not exist: kubeadm init has not run on this node"

if ! nodes=$(kubectl --kubeconfig "$admin" get nodes --no-headers 2>&1); then
  fact apiServer "not answering: $(tail -n 1 <<<"$nodes")"
  fact ready false
  exit 0
fi
pods=$(kubectl --kubeconfig "$admin" get pods -n kube-system --no-headers 2>/dev/null || true)

ready=true
summary=""
while IFS= read -r name; do
  [[ -n $name ]] || continue
  status=$(awk -v n="$name" '$1 == n { print $2 }' <<<"$nodes")
  summary+="$name=${status:-Missing}"$'\n'
  [[ $status == Ready ]] || ready=false
done <<<"$EXPECTED_NODES"
expected=$(grep -c . <<<"$EXPECTED_NODES")
calico_nodes=$(awk '$1 ~ /^calico-node-/ && $3 == "Running"' <<<"$pods" | grep -c . || true)
controllers=$(awk '$1 ~ /^calico-kube-controllers-/ && $3 == "Running"' <<<"$pods" | grep -c . || true)
((calico_nodes >= expected && controllers >= 1)) || ready=false

fact nodes "${summary%$'\n'}"
fact calicoNodesRunning "$calico_nodes"
fact calicoControllersRunning "$controllers"
fact ready "$ready"
