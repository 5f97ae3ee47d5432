#!/bin/bash
# Guide step 1: firewalld stopped now and disabled for good.
set -euo pipefail

if [[ $(unit_state firewalld) == active ]]; then
  systemctl stop firewalld
  changed "stopped firewalld"
fi
if unit_enabled firewalld; then
  systemctl disable firewalld
  changed "disabled firewalld"
fi
fact firewalld "$(unit_state firewalld)"
