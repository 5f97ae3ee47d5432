#!/bin/bash
# The local proxy in front of every API server (local-proxy mode, nodes that are not control
# planes): HAProxy from the hosts' own repositories, PROXY_CONFIG as /etc/haproxy/haproxy.cfg
# (checked with haproxy -c before it replaces the old one), the service enabled and running;
# restarted only when the configuration changed.
set -euo pipefail
require_env PROXY_CONFIG

config=/etc/haproxy/haproxy.cfg
if ! rpm -q haproxy >/dev/null 2>&1; then
  run_logged /var/log/kubeorch/dnf-haproxy.log "dnf install -y haproxy" dnf install -y haproxy
  changed "installed haproxy"
fi

updated=false
if content_differs "$config" "$PROXY_CONFIG"; then
  mkdir -p "$(dirname "$config")"
  printf '%s\n' "$PROXY_CONFIG" >"$config.kubeorch-new"
  if ! check=$(haproxy -c -f "$config.kubeorch-new" 2>&1); then
    rm -f "$config.kubeorch-new"
    die "haproxy refuses the configuration kubeorch rendered (the old one is kept):
$check"
  fi
  chmod 0644 "$config.kubeorch-new"
  mv -f "$config.kubeorch-new" "$config"
  changed "wrote $config"
  updated=true
fi

if ! unit_enabled haproxy; then
  systemctl enable haproxy
  changed "enabled haproxy"
fi
if [[ $(unit_state haproxy) != active ]]; then
  systemctl start haproxy
  changed "started haproxy"
elif [[ $updated == true ]]; then
  systemctl restart haproxy
  changed "restarted haproxy with the new list of API servers"
fi
[[ $(unit_state haproxy) == active ]] || die "haproxy is not running after its start: see systemctl status haproxy"
