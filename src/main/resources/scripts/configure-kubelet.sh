#!/bin/bash
# Guide steps 16-17: the kubelet uses the systemd cgroup driver and starts at boot
# (it only runs for real once kubeadm init or join has configured it).
set -euo pipefail

ensure_file /etc/sysconfig/kubelet 0644 'KUBELET_EXTRA_ARGS="--cgroup-driver=systemd"'
if ! unit_enabled kubelet; then
  systemctl enable kubelet >&2
  changed "enabled kubelet"
fi
