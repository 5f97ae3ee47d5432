# shellcheck shell=bash
# lab_yaml_flatten FILE: prints one line per scalar of a kubeadm-style YAML file,
#   KIND<TAB>dotted.path<TAB>value
# KIND is the document's `kind`; list items appear as `key[]`. Enough for the kubeadm and
# kubelet configuration files the lab reads; not a general YAML parser.
lab_yaml_flatten() {
  awk '
    function flush(   i) { for (i = 1; i <= n; i++) printf "%s\t%s\n", kind, out[i]; n = 0; kind = ""; depth = 0 }
    /^---/ { flush(); next }
    /^[[:space:]]*(#|$)/ { next }
    {
      line = $0
      match(line, /^[ ]*/); indent = RLENGTH
      rest = substr(line, indent + 1)
      while (substr(rest, 1, 2) == "- ") {
        while (depth > 0 && ind[depth] > indent) depth--
        if (depth > 0 && key[depth] !~ /\[\]$/) key[depth] = key[depth] "[]"
        indent += 2; rest = substr(rest, 3)
      }
      if (rest !~ /^[^ "\x27]+:( |$)/) {
        while (depth > 0 && ind[depth] >= indent) depth--
        if (depth > 0) out[++n] = path() "\t" rest
        next
      }
      c = index(rest, ":")
      k = substr(rest, 1, c - 1); v = substr(rest, c + 1)
      sub(/^[ \t]+/, "", v); sub(/[ \t]+#.*$/, "", v); sub(/[ \t]+$/, "", v)
      if (v ~ /^".*"$/ || v ~ /^\x27.*\x27$/) v = substr(v, 2, length(v) - 2)
      while (depth > 0 && ind[depth] >= indent) depth--
      if (indent == 0 && k == "kind") kind = v
      if (v == "" || v == "|" || v == "|-" || v == ">") { depth++; ind[depth] = indent; key[depth] = k; next }
      p = path(); out[++n] = (p == "" ? k : p "." k) "\t" v
    }
    function path(   i, s) { s = ""; for (i = 1; i <= depth; i++) s = (s == "" ? key[i] : s "." key[i]); return s }
    END { flush() }' "$1"
}

# lab_yaml_get FLAT KIND PATH: the value from lab_yaml_flatten output.
lab_yaml_get() {
  awk -F'\t' -v k="$2" -v p="$3" '$1 == k && $2 == p { v = $3 } END { print v }' <<<"$1"
}
