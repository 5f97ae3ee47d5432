# shellcheck shell=bash
# The host's iptables: per table, the chains and rules iptables-save prints, kept in
# /var/lib/lab/iptables/TABLE. A fresh host has the built-in chains only. While the host is a
# node of a cluster with its kubelet running, kube-proxy's KUBE-* chains (and, once Calico is
# applied, calico-node's cali-* chains) are there, as those pods write them; they stay after the
# node leaves (kubeadm reset does not remove them), until someone deletes them.
# Requires common.sh and cluster.sh.

LAB_IPTABLES=$LAB_STATE/iptables
LAB_IPTABLES_TABLES=(filter nat mangle raw)

lab_iptables_builtin() { # TABLE
  case $1 in
    filter) echo INPUT FORWARD OUTPUT ;;
    nat) echo PREROUTING INPUT OUTPUT POSTROUTING ;;
    mangle) echo PREROUTING INPUT FORWARD OUTPUT POSTROUTING ;;
    raw) echo PREROUTING OUTPUT ;;
    *) return 1 ;;
  esac
}

lab_iptables_init() {
  local table chain
  mkdir -p "$LAB_IPTABLES"
  for table in "${LAB_IPTABLES_TABLES[@]}"; do
    [[ -f $LAB_IPTABLES/$table ]] && continue
    for chain in $(lab_iptables_builtin "$table"); do
      printf ':%s ACCEPT [0:0]\n' "$chain"
    done >"$LAB_IPTABLES/$table"
  done
}

# lab_iptables_ensure TABLE LINE...: adds each line the table lacks (chain declarations stay first)
lab_iptables_ensure() {
  local file=$LAB_IPTABLES/$1 line added=0
  shift
  for line in "$@"; do
    grep -qxF -- "$line" "$file" || { printf '%s\n' "$line" >>"$file"; added=1; }
  done
  if ((added)); then
    { grep '^:' "$file" || true; grep -v '^:' "$file" || true; } >"$file.new"
    mv "$file.new" "$file"
  fi
}

# lab_iptables_sync: what kube-proxy and calico-node have written on this host by now
lab_iptables_sync() {
  local mine dir _
  lab_iptables_init
  mine=$(lab_my_cluster) || return 0
  read -r dir _ <<<"$mine"
  lab_unit_active_flag kubelet.service || return 0
  lab_iptables_ensure nat ':KUBE-SERVICES - [0:0]' ':KUBE-POSTROUTING - [0:0]' ':KUBE-MARK-MASQ - [0:0]' \
    ':KUBE-NODEPORTS - [0:0]' \
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES' \
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES' \
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING' \
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000' \
    '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'
  lab_iptables_ensure filter ':KUBE-FIREWALL - [0:0]' ':KUBE-FORWARD - [0:0]' ':KUBE-SERVICES - [0:0]' \
    '-A INPUT -j KUBE-FIREWALL' \
    '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD' \
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'
  [[ -f $dir/objects/calico.env ]] || return 0
  lab_iptables_ensure filter ':cali-FORWARD - [0:0]' ':cali-INPUT - [0:0]' ':cali-OUTPUT - [0:0]' \
    '-A INPUT -m comment --comment "cali:Cz_u1IQiXIMmKD4c" -j cali-INPUT' \
    '-A FORWARD -m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD' \
    '-A OUTPUT -m comment --comment "cali:tVnHkvAo15HuiPy0" -j cali-OUTPUT'
  lab_iptables_ensure nat ':cali-POSTROUTING - [0:0]' ':cali-nat-outgoing - [0:0]' \
    '-A POSTROUTING -m comment --comment "cali:O3lYWMrLQYEMJtB5" -j cali-POSTROUTING' \
    '-A cali-POSTROUTING -m comment --comment "cali:Z-c7XtVd2Bq7s_hA" -j cali-nat-outgoing'
}
