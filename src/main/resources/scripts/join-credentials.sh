#!/bin/bash
# Runs on the first control plane for joinNode: a fresh join command (it carries a bootstrap
# token) and, for a joining control plane (CONTROL_PLANE=true), a certificate key.
# Standard output is secret: kubeorch reads it and keeps it out of every record.
set -euo pipefail

admin=/etc/kubernetes/admin.conf
[[ -f $admin ]] || die "$admin does not exist on the first control plane: kubeadm init has not run there"
printf 'join: %s\n' "$(kubeadm token create --print-join-command --kubeconfig "$admin")"
if [[ ${CONTROL_PLANE:-false} == true ]]; then
  printf 'certificateKey: %s\n' "$(kubeadm init phase upload-certs --upload-certs --kubeconfig "$admin" | tail -n 1)"
fi
