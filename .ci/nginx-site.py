#!/usr/bin/env python3
"""Prints an nginx.conf running the shipped site (Config/deploy/nginx-concours.conf) on loopback, for the benchmarks.

Usage: nginx-site.py SITE_CONF PREFIX UPSTREAM_PORT TLS_PORT

Adapted from the shipped file, nothing else: the upstream port, `listen 127.0.0.1:TLS_PORT ssl http2`, the test
certificate PREFIX/cert.pem and key PREFIX/key.pem, the export folder PREFIX/export, server_name 127.0.0.1, and
`$http_host` instead of `$host` (the bench's port is not 443, and `$host` drops the port). The port-80 redirect block
is left out. Pid, logs and temporary folders go under PREFIX, so that it runs without root.
"""
import re
import sys

conf, prefix, upstream, port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
text = open(conf, encoding="utf-8").read()
text = text[: text.rindex("server {")]  # the last block is the port-80 redirect
replacements = [
    ("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream};"),
    ("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;"),
    ("/etc/ssl/concours/fullchain.pem", f"{prefix}/cert.pem"),
    ("/etc/ssl/concours/privkey.pem", f"{prefix}/key.pem"),
    ("/srv/concours-export", f"{prefix}/export"),
    ("server_name concours.ac-creteil.fr;", "server_name 127.0.0.1;"),
    ("proxy_set_header Host $host;", "proxy_set_header Host $http_host;"),
    ("proxy_set_header X-Forwarded-Host $host;", "proxy_set_header X-Forwarded-Host $http_host;"),
]
for old, new in replacements:
    if old not in text:
        sys.exit(f"nginx-site.py: « {old} » is no longer in {conf}: update this script")
    text = text.replace(old, new)
text = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", text)
print(
    f"""worker_processes auto;  # as in Debian's /etc/nginx/nginx.conf
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    types {{ text/html html; text/css css; application/javascript js; image/jpeg jpg; }}
    default_type application/octet-stream;
{text}
}}"""
)
