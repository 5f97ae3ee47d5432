#!/bin/bash
# Guide step 8: containerd at the pinned version, installed only when rpm -q does not show it.
set -euo pipefail
require_env CONTAINERD_VERSION

installed=$(rpm -q containerd 2>/dev/null || true)
if [[ $installed != "containerd-$CONTAINERD_VERSION-"* ]]; then
  dnf install -y "containerd-$CONTAINERD_VERSION" >&2
  installed=$(rpm -q containerd 2>/dev/null || true)
  [[ $installed == "containerd-$CONTAINERD_VERSION-"* ]] ||
    die "dnf did not install containerd $CONTAINERD_VERSION (rpm -q containerd: $installed)"
  changed "installed $installed"
fi
fact containerdPackage "$installed"
