#!/bin/bash
# Guide step 6: swap off now, and every swap line of /etc/fstab commented out.
set -euo pipefail

fstab=/etc/fstab
if [[ -n $(swapon --show --noheadings) ]]; then
  swapoff -a
  changed "turned swap off (swapoff -a)"
fi
if [[ -f $fstab ]] && awk '$1 !~ /^#/ && $3 == "swap" { found = 1 } END { exit !found }' "$fstab"; then
  sed -i -E '/^[[:space:]]*#/! s/^([^[:space:]]+[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]].*)$/#\1/' "$fstab"
  changed "commented out swap lines in $fstab"
fi
[[ -z $(swapon --show --noheadings) ]] || die "swap is still on after swapoff -a: $(swapon --show --noheadings)"
