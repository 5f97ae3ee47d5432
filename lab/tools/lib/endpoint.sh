# shellcheck shell=bash
# shellcheck disable=SC2034 # ROUTE_*, VIP_*, KV_*, ETCD_* are results read by the callers
# How a host reaches an API server: the lab's model of the network between the hosts, used by
# every stand-in that talks to the API (kubectl, kubeadm join and token/upload-certs, the kubelet's
# Ready state) and by the lab's cluster clock (lab/lib/cluster-clock). See docs/lab-hosts.md.
#
# A host reaches HOST:PORT only through its own configuration:
#   1. HOST: an IP literal, or the first /etc/hosts line naming it (the lab has no DNS);
#   2. 127.0.0.1: what listens on the host's own loopback: its haproxy (service active, a frontend
#      bound there in the configuration haproxy loaded), else its own API server on 6443;
#   3. a node's address: that node's API server on 6443, if the node is up;
#   4. a kube-vip VIP: the API server of the control plane holding it now (clusters/*/kube-vip.lease);
#   5. anything else: connection refused.
# An API server "runs" when its node is up, is a registered control plane whose kube-apiserver
# manifest is in place and whose kubelet is healthy; it "answers" when its etcd has quorum too.
#
# Functions take ROOT: "" for the calling host's own files, or a host directory of the lab
# (DIR/hosts/NODE, seen from the machine) whose upper/ layers hold what that host wrote.
# Requires cluster.sh (LAB_CLUSTERS, lab_env_get, lab_cluster_get, lab_node_get).

LAB_DOWN=$LAB_SHARED/down

# lab_root_path ROOT PATH: where PATH of the host ROOT is (its overlay's upper layer).
lab_root_path() {
  local root=$1 path=$2 rest
  if [[ -z $root ]]; then
    REPLY=$path
    return
  fi
  case $path in
    /var/lib/*) rest=${path#/var/lib/}; REPLY=$root/upper/var-lib/$rest ;;
    /var/log/*) rest=${path#/var/log/}; REPLY=$root/upper/var-log/$rest ;;
    *) REPLY=$root/upper$path ;;
  esac
}

# lab_host_down NODE: the lab host is down (lab fault NODE down).
lab_host_down() { [[ -e $LAB_DOWN/$1 ]]; }

# lab_cluster_now: seconds since the epoch as the clusters see them (lab clock advance moves it).
lab_cluster_now() {
  local offset=0 now
  [[ -r $LAB_SHARED/clock-offset ]] && read -r offset <"$LAB_SHARED/clock-offset"
  printf -v now '%(%s)T' -1
  printf '%s\n' $((now + ${offset:-0}))
}

# lab_node_at DIR ADDRESS: sets REPLY to the cluster node registered with ADDRESS.
lab_node_at() {
  local f line
  REPLY=
  for f in "$1"/nodes/*.env; do
    [[ -f $f ]] || continue
    while IFS= read -r line; do
      if [[ $line == "ADDRESS=$2" ]]; then
        REPLY=${f##*/}
        REPLY=${REPLY%.env}
        return 0
      fi
    done <"$f"
  done
  return 1
}

# lab_apiserver_problem DIR NAME: sets REPLY to why NAME's API server does not run, or "".
lab_apiserver_problem() {
  local dir=$1 name=$2 host kubelet=unknown
  REPLY=
  if [[ $(lab_node_get "$dir" "$name" ROLE) != control-plane ]]; then
    REPLY="no API server on $name"
    return
  fi
  host=$(lab_node_get "$dir" "$name" HOST)
  if lab_host_down "${host:-$name}"; then
    REPLY="$name is down"
    return
  fi
  [[ -f $dir/nodes/$name.kubelet ]] && read -r kubelet <"$dir/nodes/$name.kubelet"
  if [[ $kubelet != ok ]]; then
    REPLY="the kubelet on $name does not run its static pods: $kubelet"
    return
  fi
  # kubeadm's API server talks to its local etcd only: one removed from the cluster has stopped
  if [[ -f $dir/etcd/members ]] && ! grep -q "^$name " "$dir/etcd/members"; then
    REPLY="etcdserver: the member on $name has been permanently removed from the cluster"
    return
  fi
  if [[ -f $dir/nodes/$name.apiserver ]]; then
    read -r REPLY <"$dir/nodes/$name.apiserver"
  fi
}

# lab_etcd_member_started DIR NAME: NAME's etcd runs: its node is up, its kubelet healthy and its
# etcd manifest in place (whether it is still a member is the caller's question).
lab_etcd_member_started() {
  local dir=$1 name=$2 host kubelet=unknown
  [[ -f $dir/nodes/$name.env && ! -f $dir/nodes/$name.etcd ]] || return 1
  host=$(lab_node_get "$dir" "$name" HOST)
  lab_host_down "${host:-$name}" && return 1
  [[ -f $dir/nodes/$name.kubelet ]] && read -r kubelet <"$dir/nodes/$name.kubelet"
  [[ $kubelet == ok ]]
}

# lab_etcd_status DIR: sets ETCD_MEMBERS, ETCD_STARTED, ETCD_QUORUM; true while etcd has quorum.
lab_etcd_status() {
  local dir=$1 name _
  ETCD_MEMBERS=0 ETCD_STARTED=0
  if [[ -f $dir/etcd/members ]]; then
    while read -r name _; do
      [[ -n $name ]] || continue
      ETCD_MEMBERS=$((ETCD_MEMBERS + 1))
      lab_etcd_member_started "$dir" "$name" && ETCD_STARTED=$((ETCD_STARTED + 1))
    done <"$dir/etcd/members"
  fi
  ETCD_QUORUM=$((ETCD_MEMBERS / 2 + 1))
  ((ETCD_MEMBERS > 0 && ETCD_STARTED >= ETCD_QUORUM))
}

# lab_api_answers DIR NAME: NAME's API server runs and its etcd has quorum (its /healthz is ok).
lab_api_answers() {
  lab_apiserver_problem "$1" "$2"
  [[ -z $REPLY ]] && lab_etcd_status "$1"
}

# lab_lookup ROOT NAME: sets REPLY to the address NAME resolves to on host ROOT (hosts file).
lab_lookup() {
  local root=$1 name=$2 line address names n
  REPLY=
  case $name in
    localhost | localhost.localdomain) REPLY=127.0.0.1; return 0 ;;
  esac
  if [[ $name =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ || $name == *:* ]]; then
    REPLY=$name
    return 0
  fi
  lab_root_path "$root" /etc/hosts
  [[ -r $REPLY ]] || { REPLY=; return 1; }
  local file=$REPLY
  REPLY=
  while read -r line; do
    line=${line%%#*}
    read -r address names <<<"$line"
    [[ -n $names ]] || continue
    for n in $names; do
      if [[ $n == "$name" ]]; then
        REPLY=$address
        return 0
      fi
    done
  done <"$file"
  return 1
}

# lab_vip_at ADDRESS: sets VIP_CLUSTER and VIP_NODE (the control plane holding it now, or "").
lab_vip_at() {
  local lease
  VIP_CLUSTER='' VIP_NODE=''
  for lease in "$LAB_CLUSTERS"/cluster-*/kube-vip.lease; do
    [[ -f $lease ]] || continue
    if [[ $(lab_env_get "$lease" VIP) == "$1" ]]; then
      VIP_CLUSTER=${lease%/kube-vip.lease}
      VIP_NODE=$(lab_env_get "$lease" VIP_ON)
      return 0
    fi
  done
  return 1
}

# lab_host_cluster ROOT: sets REPLY to "<dir> <node-name>" of the cluster host ROOT belongs to.
lab_host_cluster() {
  local id name
  lab_root_path "$1" /var/lib/lab/cluster
  [[ -f $REPLY ]] || { REPLY=; return 1; }
  read -r id name <"$REPLY"
  [[ -f $LAB_CLUSTERS/$id/cluster.env ]] || { REPLY=; return 1; }
  REPLY="$LAB_CLUSTERS/$id $name"
}

# lab_route ROOT HOSTNODE ENDPOINT: where host HOSTNODE (files under ROOT) reaches ENDPOINT
# (host:port). Sets ROUTE_CLUSTER and ROUTE_NODE (the API server reached) and ROUTE_ERROR: ""
# when an API server answers, else one of dns|refused|noroute|eof|etcd with ROUTE_DETAIL.
lab_route() {
  local root=$1 self=$2 endpoint=$3 host port address
  ROUTE_CLUSTER='' ROUTE_NODE='' ROUTE_ERROR='' ROUTE_DETAIL='' ROUTE_ADDRESS=''
  host=${endpoint%:*}
  port=${endpoint##*:}
  [[ $port != "$endpoint" ]] || port=443
  host=${host#[}
  host=${host%]}
  if ! lab_lookup "$root" "$host"; then
    ROUTE_ERROR=dns
    ROUTE_DETAIL="dial tcp: lookup $host on 127.0.0.53:53: no such host"
    return 1
  fi
  address=$REPLY
  ROUTE_ADDRESS=$address
  if [[ $address == 127.0.0.1 || $address == ::1 ]]; then
    lab_route_local "$root" "$self" "$port" && return 0
    return 1
  fi
  lab_route_address "$address" "$port"
}

# A node's address: its API server on 6443 (kube-apiserver binds every address).
lab_route_address() {
  local address=$1 port=$2 dir
  if lab_vip_at "$address"; then
    # a holder whose host went down took the address with it, whatever the Lease still says
    if [[ -n $VIP_NODE ]] && lab_host_down "$(lab_node_get "$VIP_CLUSTER" "$VIP_NODE" HOST)"; then
      VIP_NODE=''
    fi
    if [[ -z $VIP_NODE ]]; then
      ROUTE_ERROR=noroute
      ROUTE_DETAIL="dial tcp $address:$port: connect: no route to host"
      return 1
    fi
    lab_route_api "$VIP_CLUSTER" "$VIP_NODE" "$address" "$port"
    return
  fi
  if dir=$(lab_cluster_at "$address:6443") && lab_node_at "$dir" "$address"; then
    local name=$REPLY host
    host=$(lab_node_get "$dir" "$name" HOST)
    if lab_host_down "${host:-$name}"; then
      ROUTE_ERROR=noroute
      ROUTE_DETAIL="dial tcp $address:$port: connect: no route to host"
      return 1
    fi
    lab_route_api "$dir" "$name" "$address" "$port"
    return
  fi
  ROUTE_ERROR=refused
  ROUTE_DETAIL="dial tcp $address:$port: connect: connection refused"
  return 1
}

# lab_route_api DIR NAME ADDRESS PORT: the API server of NAME on PORT.
lab_route_api() {
  local dir=$1 name=$2 address=$3 port=$4
  if [[ $port != 6443 ]]; then
    ROUTE_ERROR=refused
    ROUTE_DETAIL="dial tcp $address:$port: connect: connection refused"
    return 1
  fi
  lab_apiserver_problem "$dir" "$name"
  if [[ -n $REPLY ]]; then
    ROUTE_ERROR=refused
    ROUTE_DETAIL="dial tcp $address:$port: connect: connection refused"
    return 1
  fi
  ROUTE_CLUSTER=$dir
  ROUTE_NODE=$name
  if ! lab_etcd_status "$dir"; then
    ROUTE_ERROR=etcd
    ROUTE_DETAIL="etcdserver: request timed out"
    return 1
  fi
  return 0
}

# The host's own loopback: haproxy's frontend, else its own API server.
lab_route_local() {
  local root=$1 self=$2 port=$3 mine dir name
  if ! lab_host_down "$self" && lab_haproxy_backends "$root" "$port"; then
    lab_haproxy_route "$port"
    return
  fi
  if [[ $port == 6443 ]] && lab_host_cluster "$root"; then
    mine=$REPLY
    dir=${mine% *}
    name=${mine#* }
    if [[ $(lab_node_get "$dir" "$name" ROLE) == control-plane ]]; then
      lab_route_api "$dir" "$name" 127.0.0.1 "$port"
      return
    fi
  fi
  ROUTE_ERROR=refused
  ROUTE_DETAIL="dial tcp 127.0.0.1:$port: connect: connection refused"
  return 1
}

# lab_haproxy_backends ROOT PORT: true when the host's haproxy runs with a frontend on
# 127.0.0.1:PORT (or *:PORT); sets HAPROXY_SERVERS to "address:port check" lines of its backend,
# from the configuration haproxy loaded when it last (re)started.
lab_haproxy_backends() {
  local root=$1 port=$2 cfg line kw a b section="" name="" backend="" frontend_ok=0 default_check=0
  HAPROXY_SERVERS=()
  lab_root_path "$root" /var/lib/lab/units/active/haproxy.service
  [[ -f $REPLY ]] || return 1
  lab_root_path "$root" /var/lib/lab/haproxy/running.cfg
  cfg=$REPLY
  [[ -f $cfg ]] || return 1
  # pass 1: the frontend bound to the port and its default backend
  while read -r kw a b; do
    case $kw in
      '' | \#*) continue ;;
      global | defaults | frontend | backend | listen) section=$kw name=$a; frontend_ok=0; continue ;;
    esac
    if [[ $section == frontend || $section == listen ]]; then
      if [[ $kw == bind ]] && [[ $a == "127.0.0.1:$port" || $a == "*:$port" || $a == ":$port" || $a == "0.0.0.0:$port" ]]; then
        frontend_ok=1
        [[ $section == listen ]] && backend=$name
      fi
      if ((frontend_ok)) && [[ $kw == default_backend ]]; then backend=$a; fi
    fi
  done <"$cfg"
  [[ -n $backend ]] || return 1
  section="" name=""
  while read -r line; do
    line=${line%%#*}
    read -r kw a b <<<"$line"
    case $kw in
      '') continue ;;
      global | defaults | frontend | backend | listen) section=$kw name=$a; continue ;;
    esac
    [[ ($section == backend || $section == listen) && $name == "$backend" ]] || continue
    if [[ $kw == default-server && " $b " == *" check "* ]]; then default_check=1; fi
    if [[ $kw == server ]]; then
      read -r _ _ a b <<<"$line"
      if [[ " $b " == *" check "* ]] || ((default_check)); then
        HAPROXY_SERVERS+=("$a check")
      else
        HAPROXY_SERVERS+=("$a")
      fi
    fi
  done <"$cfg"
  return 0
}

# lab_haproxy_route PORT: haproxy's choice among HAPROXY_SERVERS: the first one its health check
# (GET /healthz) finds up; a server without `check` counts as up, whatever it is.
lab_haproxy_route() {
  local server target
  for server in "${HAPROXY_SERVERS[@]}"; do
    target=${server%% *}
    if [[ $server == *" check" ]]; then
      lab_route_address "${target%:*}" "${target##*:}" && return 0
      continue
    fi
    lab_route_address "${target%:*}" "${target##*:}" && return 0
    [[ $ROUTE_ERROR == etcd ]] && return 1
    # an unchecked server that is gone: haproxy forwards to it and the connection breaks
    ROUTE_ERROR=eof
    ROUTE_DETAIL=EOF
    return 1
  done
  ROUTE_ERROR=eof
  ROUTE_DETAIL=EOF
  return 1
}

# lab_kube_vip_manifest ROOT: reads the host's kube-vip static pod manifest; sets KV_VIP, KV_IMAGE,
# KV_LEASE, KV_RENEW, KV_RETRY (kube-vip's defaults 5, 3, 1 s when the manifest sets none; a lab
# override in shared/kube-vip.conf, `lab kube-vip`, wins). False without a manifest.
lab_kube_vip_manifest() {
  local line name="" value
  KV_VIP='' KV_IMAGE='' KV_LEASE=5 KV_RENEW=3 KV_RETRY=1 KV_ARP=''
  lab_root_path "$1" /etc/kubernetes/manifests/kube-vip.yaml
  [[ -f $REPLY ]] || return 1
  while IFS= read -r line; do
    line=${line#"${line%%[![:space:]]*}"}
    case $line in
      "- name: "*) name=${line#- name: } ;;
      "value: "*)
        value=${line#value: }
        value=${value//\"/}
        case $name in
          address | vip_address) KV_VIP=$value ;;
          vip_leaseduration) KV_LEASE=$value ;;
          vip_renewdeadline) KV_RENEW=$value ;;
          vip_retryperiod) KV_RETRY=$value ;;
          vip_arp) KV_ARP=$value ;;
        esac
        name=""
        ;;
      "image: "*) KV_IMAGE=${line#image: } ;;
    esac
  done <"$REPLY"
  if [[ -r $LAB_SHARED/kube-vip.conf ]]; then
    local lease renew retry
    read -r lease renew retry <"$LAB_SHARED/kube-vip.conf"
    KV_LEASE=${lease:-$KV_LEASE} KV_RENEW=${renew:-$KV_RENEW} KV_RETRY=${retry:-$KV_RETRY}
  fi
  [[ -n $KV_VIP ]]
}

# lab_image_known REF: the lab's registries can serve REF (the kubelet can pull it).
lab_image_known() {
  local ref=$1 line
  if [[ -n ${LAB_CATALOGUE_FILE:-} ]]; then
    while IFS=$'\t' read -r line _; do [[ $line == "$ref" ]] && return 0; done <"$LAB_CATALOGUE_FILE"
    return 1
  fi
  # (no pipe into grep -q: its early exit would fail the pipeline under pipefail)
  line=$(lab_catalogue 2>/dev/null) || return 1
  [[ $'\n'$line == *$'\n'"$ref"$'\t'* ]]
}
