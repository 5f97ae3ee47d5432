#!/bin/bash
# external mode: the load balancer accepts connections on LB_ADDRESS:LB_PORT from this node, before
# kubeadm init needs it (its backends may not answer yet: there is no API server so far).
# Read-only.
set -euo pipefail
require_env LB_ADDRESS LB_PORT

# shellcheck disable=SC2016 # the inner bash expands $1 and $2
if ! error=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$LB_ADDRESS" "$LB_PORT" 2>&1); then
  case $error in
    *refused*) die "the load balancer $LB_ADDRESS refuses connections on port $LB_PORT: configure a TCP frontend on that port forwarding to port 6443 of every control plane" ;;
    *) die "no answer from the load balancer $LB_ADDRESS on port $LB_PORT within 5 s${error:+ ($error)}: check that it runs and that the network lets this node reach it" ;;
  esac
fi
fact loadBalancer answers
