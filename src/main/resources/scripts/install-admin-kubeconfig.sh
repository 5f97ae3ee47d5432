#!/bin/bash
# Guide step 22: the cluster admin's kubeconfig in $HOME/.kube/config (root's, and the login
# user's when kubeorch logs in as a sudoer).
set -euo pipefail

admin=/etc/kubernetes/admin.conf
[[ -f $admin ]] || die "$admin does not exist: kubeadm init has not run on this node"

install_for() { # USER HOME
  local target=$2/.kube/config
  if [[ ! -f $target ]] || ! cmp -s "$admin" "$target"; then
    mkdir -p "$2/.kube"
    install -m 0600 "$admin" "$target"
    chown "$(id -u "$1"):$(id -g "$1")" "$2/.kube" "$target"
    changed "installed $target"
  fi
}

install_for root "$(getent passwd root | cut -d: -f6)"
if [[ -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  install_for "$SUDO_USER" "$(getent passwd "$SUDO_USER" | cut -d: -f6)"
fi
