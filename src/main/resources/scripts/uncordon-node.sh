#!/bin/bash
# A removal abandoned after a failed drain: the node takes pods again (kubectl uncordon on a
# control plane). Nothing to do when it is schedulable already, or gone from the cluster.
set -euo pipefail
require_env NODE_NAME
require_api

if ! output=$(kubectl --kubeconfig /etc/kubernetes/admin.conf uncordon "$NODE_NAME" 2>&1); then
  grep -q NotFound <<<"$output" || die "kubectl uncordon $NODE_NAME failed: $output"
  fact uncordoned "gone: $NODE_NAME is not in the cluster"
  exit 0
fi
if grep -qx "node/$NODE_NAME uncordoned" <<<"$output"; then
  changed "uncordoned $NODE_NAME"
fi
fact uncordoned true
