"""Renders the kubectl stand-in's rows as Kubernetes JSON, and evaluates -o jsonpath.

Usage: kubeview.py nodes|pods json|jsonpath=TEMPLATE [--single]
Rows come tab-separated on stdin, in the column order kubectl writes them (see bin/kubectl).
Jsonpath covers what scripts use: {.a.b}, [*], [N], [?(@.k=="v")], {range ...}{end}, quoted text.
"""
import json
import re
import sys

NODE_FIELDS = ["name", "status", "roles", "age", "version", "address", "ready", "reason", "message", "unschedulable"]
POD_FIELDS = ["name", "readystr", "status", "restarts", "age", "ip", "node", "phase", "ready", "app", "namespace"]


def node_object(r):
    labels = {"kubernetes.io/hostname": r["name"], "kubernetes.io/os": "linux"}
    if r["roles"] == "control-plane":
        labels["node-role.kubernetes.io/control-plane"] = ""
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": r["name"], "labels": labels},
        "spec": {"unschedulable": True} if r.get("unschedulable") == "true" else {},
        "status": {
            "addresses": [{"type": "InternalIP", "address": r["address"]},
                          {"type": "Hostname", "address": r["name"]}],
            "conditions": [{"type": "Ready", "status": r["ready"], "reason": r["reason"],
                            "message": r["message"]}],
            "nodeInfo": {"kubeletVersion": r["version"], "containerRuntimeVersion": "containerd://1.6.22",
                         "osImage": "openEuler 24.03 (LTS)",
                         "kernelVersion": "6.6.0-28.0.0.34.oe2403.x86_64"},
        },
    }


def pod_object(r):
    ready = r["ready"] == "true"
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": r["name"], "namespace": r.get("namespace", "kube-system"),
                     "labels": {"k8s-app": r["app"]}},
        "spec": {"nodeName": r["node"]} if r["node"] != "<none>" else {},
        "status": {
            "phase": r["phase"],
            "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
            "containerStatuses": [{"name": r["app"], "ready": ready, "restartCount": 0}],
        },
    }


def split_path(path):
    """'.items[*].status.conditions[?(@.type=="Ready")].status' -> steps"""
    steps = []
    for m in re.finditer(r'\.([A-Za-z0-9_\-/]+)|\[\?\(@\.([\w.]+)\s*==\s*["\']([^"\']*)["\']\)\]|\[(\*|-?\d+)\]|\.\.|\.$', path):
        if m.group(1):
            steps.append(("key", m.group(1)))
        elif m.group(2):
            steps.append(("filter", m.group(2), m.group(3)))
        elif m.group(4):
            steps.append(("index", m.group(4)))
    return steps


def walk(values, steps):
    for step in steps:
        out = []
        for v in values:
            if step[0] == "key":
                if isinstance(v, dict) and step[1] in v:
                    out.append(v[step[1]])
            elif step[0] == "index" and isinstance(v, list):
                out.extend(v if step[1] == "*" else v[int(step[1]):][:1])
            elif step[0] == "filter" and isinstance(v, list):
                for item in v:
                    x = item
                    for k in step[1].split("."):
                        x = x.get(k) if isinstance(x, dict) else None
                    if str(x) == step[2]:
                        out.append(item)
        values = out
    return values


def text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def render(template, data):
    tokens = re.findall(r'\{[^{}]*\}|[^{}]+', template)
    out, _ = run(tokens, 0, data)
    return out


def run(tokens, i, data):
    out = ""
    while i < len(tokens):
        t = tokens[i]
        if not t.startswith("{"):
            out += t
        else:
            expr = t[1:-1].strip()
            if expr == "end":
                return out, i
            if expr.startswith("range "):
                items = walk([data], split_path(expr[6:].strip()))
                j = i
                for item in items:
                    part, j = run(tokens, i + 1, item)
                    out += part
                if not items:
                    _, j = run(tokens, i + 1, {})
                i = j
            elif expr.startswith('"') or expr.startswith("'"):
                out += expr[1:-1].encode().decode("unicode_escape")
            else:
                out += " ".join(text(v) for v in walk([data], split_path(expr)))
        i += 1
    return out, i


def main():
    kind, fmt = sys.argv[1], sys.argv[2]
    single = "--single" in sys.argv
    fields = NODE_FIELDS if kind == "nodes" else POD_FIELDS
    make = node_object if kind == "nodes" else pod_object
    rows = [dict(zip(fields, line.rstrip("\n").split("\t"))) for line in sys.stdin if line.strip()]
    items = [make(r) for r in rows]
    data = items[0] if single and items else {"apiVersion": "v1", "kind": "List", "items": items,
                                             "metadata": {"resourceVersion": ""}}
    if fmt == "json":
        print(json.dumps(data, indent=4))
    else:
        template = fmt.split("=", 1)[1]
        if len(template) > 1 and template[0] == template[-1] and template[0] in "'\"":
            template = template[1:-1]
        sys.stdout.write(render(template, data))


main()
