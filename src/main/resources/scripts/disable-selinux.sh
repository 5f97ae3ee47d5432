#!/bin/bash
# Guide step 2: SELinux permissive now (setenforce 0), disabled after the next boot.
set -euo pipefail

config=/etc/selinux/config
if command -v getenforce >/dev/null && [[ $(getenforce) == Enforcing ]]; then
  setenforce 0
  changed "set SELinux permissive (setenforce 0)"
fi
if [[ -f $config ]] && ! grep -qx 'SELINUX=disabled' "$config"; then
  if grep -q '^SELINUX=' "$config"; then
    sed -i 's/^SELINUX=.*/SELINUX=disabled/' "$config"
  else
    printf 'SELINUX=disabled\n' >>"$config"
  fi
  changed "SELINUX=disabled in $config"
fi
if command -v getenforce >/dev/null; then
  fact selinux "$(getenforce)"
else
  fact selinux "not installed"
fi
