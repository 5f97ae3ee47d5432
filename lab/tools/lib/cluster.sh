# shellcheck shell=bash
# The cluster-wide state an API server would hold, shared by every host of a lab:
#   /var/lib/lab-shared/clusters/<id>/cluster.env        facts set by `kubeadm init`
#   /var/lib/lab-shared/clusters/<id>/tokens             bootstrap tokens: TOKEN EXPIRY-EPOCH
#   /var/lib/lab-shared/clusters/<id>/nodes/<name>.env   one per registered node
#   /var/lib/lab-shared/clusters/<id>/nodes/<name>.kubelet  "ok" or why its kubelet cannot run pods
#   /var/lib/lab-shared/clusters/<id>/objects/           objects created by `kubectl apply`
#   /var/lib/lab-shared/clusters/endpoints/<host>_<port> -> <id>  where the API server answers
# Per host: /var/lib/lab/cluster holds "<id> <node-name>" once the host is part of a cluster.

LAB_CLUSTERS=$LAB_SHARED/clusters

lab_random() { # N [ALPHABET]
  local alphabet=${2:-a-z0-9} out=""
  while ((${#out} < $1)); do
    out+=$(head -c 256 /dev/urandom | tr -dc "$alphabet" || true)
  done
  printf '%s\n' "${out:0:$1}"
}

lab_pod_suffix() { lab_random "${1:-5}" 'bcdfghjklmnpqrstvwxz2456789'; }

lab_endpoint_key() { printf '%s\n' "${1//:/_}"; }

# lab_cluster_at ENDPOINT: the cluster directory answering at host:port, if any.
lab_cluster_at() {
  local link
  link=$LAB_CLUSTERS/endpoints/$(lab_endpoint_key "$1")
  [[ -L $link ]] || return 1
  link=$(readlink -f "$link")
  [[ -f $link/cluster.env ]] || return 1
  printf '%s\n' "$link"
}

# lab_my_cluster: prints "<dir> <node-name>" for the cluster this host belongs to.
lab_my_cluster() {
  local id name
  [[ -f $LAB_STATE/cluster ]] || return 1
  read -r id name <"$LAB_STATE/cluster"
  [[ -f $LAB_CLUSTERS/$id/cluster.env ]] || return 1
  printf '%s %s\n' "$LAB_CLUSTERS/$id" "$name"
}

# lab_env_get FILE KEY: the last KEY=value of FILE (builtins only: kubectl reads many).
lab_env_get() {
  local line value=""
  [[ -f $1 ]] || return 0
  while IFS= read -r line; do
    [[ $line == "$2="* ]] && value=${line#*=}
  done <"$1"
  printf '%s\n' "$value"
}

lab_cluster_get() { lab_env_get "$1/cluster.env" "$2"; } # DIR KEY

lab_node_get() { lab_env_get "$1/nodes/$2.env" "$3"; } # DIR NODE KEY

# lab_publish_node: tell the cluster whether this host's kubelet can run pods.
lab_publish_node() {
  local mine dir name problem
  mine=$(lab_my_cluster) || return 0
  read -r dir name <<<"$mine"
  [[ -f $dir/nodes/$name.env ]] || return 0
  problem=$(lab_kubelet_problem)
  printf '%s\n' "${problem:-ok}" >"$dir/nodes/$name.kubelet"
}
