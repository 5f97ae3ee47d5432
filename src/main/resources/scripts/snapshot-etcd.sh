#!/bin/bash
# Before an operation changes etcd's members (or tears the cluster down): an etcd snapshot from
# this control plane's member, kept at /var/lib/kubeorch/etcd-snapshots/SNAPSHOT_NAME (0600: it
# holds every Secret of the cluster; kubeadm reset leaves the directory alone). One per operation:
# nothing to do when it exists.
set -euo pipefail
require_env SNAPSHOT_NAME

dir=/var/lib/kubeorch/etcd-snapshots
file=$dir/$SNAPSHOT_NAME
if [[ -s $file ]]; then
  fact snapshot "$file"
  exit 0
fi
find_etcd
# the etcd container sees the host's /var/lib/etcd (and its certificates) only
taken=/var/lib/etcd/kubeorch-$SNAPSHOT_NAME
rm -f "$taken" "$taken.part"
run_logged /var/log/kubeorch/etcd-snapshot.log "etcdctl snapshot save" etcdctl_local snapshot save "$taken"
install -d -m 0700 "$dir"
chmod 0600 "$taken"
mv -f "$taken" "$file"
changed "saved an etcd snapshot: $file"
fact snapshot "$file"
