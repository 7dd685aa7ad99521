#!/usr/bin/env python3
"""Git smart HTTP on loopback for Baton's tests: runs `git http-backend` per request (CGI).

  git-http-server.py PORT ROOT TOKEN

Bare repositories live under ROOT (http://127.0.0.1:PORT/<name>.git). Every request needs basic
auth whose password is TOKEN (any user name), else 401. Every repository accepts pushes
(http.receivepack) and runs the hooks in ROOT (core.hooksPath), e.g. ROOT/pre-receive.
Every fetch or clone (an upload-pack request that wants objects) adds a line to
ROOT/<name>.git/fetches.log, so that tests can count them (an ls-remote wants nothing).
"""
import base64
import gzip
import http.server
import os
import subprocess
import sys

PORT, ROOT, TOKEN = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def authorised(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            _, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except Exception:
            return False
        return password == TOKEN

    def handle_any(self):
        if not self.authorised():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.count_fetch(path, body)
        env = dict(os.environ)
        env.update({
            "GIT_PROJECT_ROOT": ROOT,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "baton",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_HTTP_MAX_REQUEST_BUFFER": "100M",
            # every repository under ROOT accepts pushes and runs ROOT's hooks (pre-receive)
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "http.receivepack",
            "GIT_CONFIG_VALUE_0": "true",
            "GIT_CONFIG_KEY_1": "core.hooksPath",
            "GIT_CONFIG_VALUE_1": ROOT,
        })
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, payload = out.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = out.partition(b"\n\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def count_fetch(self, path, body):
        if self.command != "POST" or not path.endswith("/git-upload-pack"):
            return
        try:
            plain = gzip.decompress(body) if self.headers.get("Content-Encoding") == "gzip" else body
        except Exception:
            plain = body
        if b"want " not in plain:
            return
        repo = os.path.normpath(os.path.join(ROOT, path[: -len("/git-upload-pack")].lstrip("/")))
        if repo.startswith(os.path.normpath(ROOT) + os.sep) and os.path.isdir(repo):
            with open(os.path.join(repo, "fetches.log"), "a") as log:
                log.write("fetch\n")

    do_GET = handle_any
    do_POST = handle_any


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
