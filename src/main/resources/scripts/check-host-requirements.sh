#!/bin/bash
# Read-only: what kubeorch needs to know about a host before it changes anything.
set -euo pipefail

# shellcheck source=/dev/null
os=$(. /etc/os-release 2>/dev/null && printf '%s\t%s\t%s' "${ID:-}" "${VERSION_ID:-}" "${PRETTY_NAME:-}") || true
IFS=$'\t' read -r os_id os_version os_name <<<"$os" || true
fact osId "${os_id:-unknown}"
fact osVersion "${os_version:-unknown}"
fact osName "${os_name:-unknown}"
fact cpus "$(nproc)"
fact memoryMb "$(free -m | awk '$1 == "Mem:" { print $2 }')"
