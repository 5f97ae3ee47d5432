#!/bin/bash
# Guide step 5: overlay and br_netfilter loaded now and at boot; bridge netfilter and
# IPv4 forwarding sysctls set now and at boot.
set -euo pipefail

ensure_file /etc/modules-load.d/k8s.conf 0644 "overlay
br_netfilter"
for module in overlay br_netfilter; do
  if ! lsmod | awk -v m="$module" '$1 == m { found = 1 } END { exit !found }'; then
    modprobe "$module"
    changed "loaded kernel module $module"
  fi
done

ensure_file /etc/sysctl.d/k8s.conf 0644 "net.bridge.bridge-nf-call-ip6tables = 1
net.bridge.bridge-nf-call-iptables = 1
net.ipv4.ip_forward = 1"
for key in net.bridge.bridge-nf-call-ip6tables net.bridge.bridge-nf-call-iptables net.ipv4.ip_forward; do
  if [[ $(sysctl -n "$key" 2>/dev/null || true) != 1 ]]; then
    sysctl --system >/dev/null
    changed "applied sysctl settings (sysctl --system)"
    break
  fi
done
for key in net.bridge.bridge-nf-call-iptables net.ipv4.ip_forward; do
  [[ $(sysctl -n "$key" 2>/dev/null || true) == 1 ]] ||
    die "$key is still not 1 after sysctl --system: check /etc/sysctl.d for a file overriding /etc/sysctl.d/k8s.conf"
done
