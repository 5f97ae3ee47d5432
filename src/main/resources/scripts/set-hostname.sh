#!/bin/bash
# Guide step 3: the host is called by its inventory name.
set -euo pipefail
require_env NODE_NAME

if [[ $(hostname) != "$NODE_NAME" ]] || [[ $(cat /etc/hostname 2>/dev/null || true) != "$NODE_NAME" ]]; then
  hostnamectl set-hostname "$NODE_NAME"
  changed "hostname set to $NODE_NAME"
fi
fact hostname "$(hostname)"
