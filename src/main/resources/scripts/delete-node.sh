#!/bin/bash
# Removing a node: its Node object out of the API (kubectl on a control plane), once it is drained.
# Nothing to do when it is gone already. (This leaves etcd alone: a control plane's member is
# removeEtcdMember's.)
set -euo pipefail
require_env NODE_NAME
require_api

kube() { kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"; }
if ! found=$(kube get node "$NODE_NAME" -o name 2>&1); then
  grep -q NotFound <<<"$found" || die "kubectl get node $NODE_NAME failed: $found"
  fact nodeObject absent
  exit 0
fi
kube delete node "$NODE_NAME" >&2
changed "deleted the Node object $NODE_NAME"
fact nodeObject deleted
