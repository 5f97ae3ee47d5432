#!/bin/bash
# Removing a control plane: its etcd member (MEMBER_NAME, peer https://MEMBER_ADDRESS:2380) out of
# the cluster, from this control plane, which stays; etcd itself refuses when that would leave
# too few started members. Nothing to do when it is no member (kubeadm reset took it out, or an
# earlier run did). `kubectl delete node` leaves the member behind: this step is why it does not stay.
set -euo pipefail
require_env MEMBER_NAME MEMBER_ADDRESS
find_etcd

list=$(etcdctl_local member list 2>&1) ||
  die "etcd on this control plane did not list its members (that needs quorum): $(tail -n 1 <<<"$list")"
member=$(awk -F', ' -v name="$MEMBER_NAME" -v peer="https://$MEMBER_ADDRESS:2380" \
  '$3 == name || $4 == peer { print $1; exit }' <<<"$list")
if [[ -z $member ]]; then
  fact etcdMember "absent: $MEMBER_NAME is not a member"
  exit 0
fi
run_logged /var/log/kubeorch/etcd-member-remove.log "etcdctl member remove $member" etcdctl_local member remove "$member"
if etcdctl_local member list | grep -q "^$member,"; then
  die "etcd still lists member $member ($MEMBER_NAME) after its removal"
fi
changed "removed etcd member $member ($MEMBER_NAME)"
fact etcdMember "removed $member"
