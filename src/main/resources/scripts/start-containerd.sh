#!/bin/bash
# Guide step 13: containerd enabled and running.
set -euo pipefail

if ! unit_enabled containerd || [[ $(unit_state containerd) != active ]]; then
  systemctl enable --now containerd >&2
  changed "enabled and started containerd"
fi
state=$(unit_state containerd)
[[ $state == active ]] ||
  die "containerd is $state after systemctl enable --now containerd: see systemctl status containerd and journalctl -xeu containerd"
fact containerd "$state"
