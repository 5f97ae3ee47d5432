#!/bin/bash
# Removing a node: cordon and drain it with kubectl on a control plane (DaemonSet pods left alone,
# emptyDir data given up), for at most DRAIN_TIMEOUT seconds. Never --force: a pod no controller
# recreates, or one its disruption budget protects, is for an operator to decide on (drained=false
# and kubectl's words in drainOutput). Nothing to do when the node is gone from the cluster.
set -euo pipefail
require_env NODE_NAME DRAIN_TIMEOUT
require_api

kube() { kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"; }
if ! found=$(kube get node "$NODE_NAME" -o name 2>&1); then
  grep -q NotFound <<<"$found" || die "kubectl get node $NODE_NAME failed: $found"
  fact drained "gone: $NODE_NAME is not in the cluster"
  exit 0
fi
# A node whose kubelet stopped posting its status (its host is down) never confirms that its pods
# ended, so kubectl would wait for them until the timeout. Their controllers replace them elsewhere
# once they are evicted: for such a node the drain waits for no pod (bare pods are still refused).
ready=$(kube get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')
unanswered=()
if [[ $ready == Unknown ]]; then
  unanswered=(--skip-wait-for-delete-timeout=1)
fi
mkdir -p /var/log/kubeorch
rc=0
output=$(kube drain "$NODE_NAME" --ignore-daemonsets --delete-emptydir-data "${unanswered[@]}" \
  --timeout="${DRAIN_TIMEOUT}s" 2>&1) || rc=$?
printf '%s\n' "$output" >"/var/log/kubeorch/drain-$NODE_NAME.log"
if grep -qx "node/$NODE_NAME cordoned" <<<"$output"; then
  changed "cordoned $NODE_NAME"
fi
evicted=$(grep -c '^pod/.* evicted$' <<<"$output" || true)
if ((evicted > 0)); then
  changed "evicted $evicted pods from $NODE_NAME"
fi
if ((rc == 0)); then
  fact drained true
else
  fact drained false
  fact drainOutput "$(tail -n 40 <<<"$output")"
fi
