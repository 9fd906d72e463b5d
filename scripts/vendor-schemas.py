#!/usr/bin/env python3
"""Cuts the request and response schemas the panel uses out of ThoughtSpot's
official OpenAPI spec into schemas/thoughtspot-rest-v2.json.

    python3 scripts/vendor-schemas.py PATH/TO/openapiSpecv3-2_0.json

The output is JSON Schema (draft 2020-12) under "$defs", one entry per
component schema, plus an "endpoints" table (method, path, operationId, the
release that added it, Beta or not, request and response schema names).
OpenAPI 3.0's `nullable` becomes a "null" type; the "Version: X or later"
notes of the spec's descriptions become `x-since` on the property (and
`since` on the endpoint). Request schemas are closed (`additionalProperties:
false`): a field the spec does not name is refused, the strict reading of a
cluster. Response schemas stay open, as the panel must tolerate new fields.
"""
import json
import re
import sys

SOURCE = {
    "repository": "github.com/thoughtspot/rest-api-sdk",
    "path": "api-spec/openapiSpecv3-2_0.json",
    "commit": "2834b02b",
    "release": "26.8.0.cl",
    "title": "ThoughtSpot Public REST API 2.0",
}

# (method, path) of every call the panel can make.
ENDPOINTS = [
    ("post", "/api/rest/2.0/auth/token/full"),
    ("get", "/api/rest/2.0/auth/session/user"),
    ("get", "/api/rest/2.0/system"),
    ("post", "/api/rest/2.0/orgs/search"),
    ("post", "/api/rest/2.0/system/preferences/communication-channels/configure"),
    ("post", "/api/rest/2.0/system/preferences/communication-channels/search"),
    ("post", "/api/rest/2.0/webhooks/create"),
    ("post", "/api/rest/2.0/webhooks/search"),
    ("post", "/api/rest/2.0/webhooks/{webhook_identifier}/update"),
    ("post", "/api/rest/2.0/webhooks/delete"),
    ("post", "/api/rest/2.0/system/communication-channels/validate"),
    ("post", "/api/rest/2.0/jobs/history/communication-channels/search"),
]

VERSION = re.compile(r"Version:\s*([0-9]+\.[0-9]+\.[0-9]+\.cl)\s+or later")
DROP = {"description", "example", "examples", "format", "deprecated", "default", "nullable", "readOnly", "writeOnly"}


def since(text):
    m = VERSION.search(text or "")
    return m.group(1) if m else None


def ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def convert(node, closed, used):
    """OpenAPI 3.0 schema object -> JSON Schema 2020-12."""
    if isinstance(node, list):
        return [convert(n, closed, used) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k == "$ref":
            name = ref_name(v)
            used.add(name)
            out["$ref"] = "#/$defs/" + name
        elif k == "properties":
            props = {}
            for pname, p in v.items():
                conv = convert(p, closed, used)
                s = since(p.get("description"))
                if s:
                    conv["x-since"] = s
                props[pname] = conv
            out["properties"] = props
        elif k in ("items", "additionalProperties", "not"):
            out[k] = convert(v, closed, used) if isinstance(v, dict) else v
        elif k in ("allOf", "anyOf", "oneOf"):
            out[k] = convert(v, closed, used)
        elif k in DROP:
            continue
        else:
            out[k] = v
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    if closed and "properties" in node and "additionalProperties" not in node:
        out["additionalProperties"] = False
    return out


def main():
    spec = json.load(open(sys.argv[1]))
    comps = spec["components"]["schemas"]
    defs, endpoints = {}, {}
    requests, responses = set(), set()

    def schema_of(content):
        s = (content or {}).get("application/json", {}).get("schema")
        if not s:
            return None
        if "$ref" in s:
            return ref_name(s["$ref"])
        if s.get("type") == "array" and "$ref" in s.get("items", {}):
            return "[" + ref_name(s["items"]["$ref"]) + "]"
        raise SystemExit(f"inline schema not handled: {s}")

    for method, path in ENDPOINTS:
        op = spec["paths"][path][method]
        req = schema_of(op.get("requestBody", {}).get("content"))
        ok = next(c for c in op["responses"] if c.startswith("2"))
        resp = schema_of(op["responses"][ok].get("content"))
        if req:
            requests.add(req)
        if resp:
            responses.add(resp.strip("[]"))
        endpoints[f"{method.upper()} {path}"] = {
            "operationId": op["operationId"],
            "since": since(op.get("description")),
            "beta": "Beta</span>" in (op.get("description") or ""),
            "request": req,
            "success": int(ok),
            "response": resp,
        }

    def walk(names, closed):
        todo = list(names)
        while todo:
            name = todo.pop()
            key = name if not closed else name
            if key in defs and (defs[key].get("x-request") or not closed):
                continue
            used = set()
            conv = convert(comps[name], closed, used)
            if closed:
                conv["x-request"] = True
            if key not in defs or closed:
                defs[key] = conv
            todo.extend(sorted(u for u in used if u not in defs or (closed and not defs[u].get("x-request"))))

    walk(sorted(responses), closed=False)
    walk(sorted(requests), closed=True)
    out = {
        "_source": SOURCE,
        "_generated_by": "scripts/vendor-schemas.py (do not edit by hand)",
        "endpoints": endpoints,
        "$defs": dict(sorted(defs.items())),
    }
    with open("schemas/thoughtspot-rest-v2.json", "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(endpoints)} endpoints, {len(defs)} schemas")


main()
