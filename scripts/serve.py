#!/usr/bin/env python3
"""Serves ftblock's built site on 127.0.0.1 (scripts/serve.sh runs it; the browser tests too).

    python3 scripts/serve.py [--site DIR] [--port PORT] [--frame-ancestors "SOURCE ..."]

Static files from the site folder (default build/wasm/web/site), with the headers a browser
needs and an intranet server would send:
  - every response: Cache-Control: no-store (a development server: a rebuild shows at once);
    .wasm as application/wasm (browsers refuse to stream-compile anything else), .mjs as
    JavaScript;
  - /examples/strict-csp/...: the strict Content-Security-Policy of
    examples/strict-csp/csp.json (no inline script or style, no eval, only 'wasm-unsafe-eval');
  - /embed.html: Content-Security-Policy: frame-ancestors <allow-list>, so only the listed
    origins may put the form in an <iframe> (default: 'self' and this server's origin;
    --frame-ancestors or FTBLOCK_FRAME_ANCESTORS replace the list, e.g.
    "'self' https://intranet.example.com").
Before printing the URLs it asks itself for ftblock.wasm and checks the type it sends.
--port 0 takes a free port; the first line printed names it. Stops on Ctrl+C.
"""
import argparse
import functools
import http.server
import json
import os
import posixpath
import sys
import threading
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STRICT_DIR = "/examples/strict-csp"


def strict_policy(site):
    """The strict page's policy, from the file the build copied next to it."""
    path = os.path.join(site, "examples", "strict-csp", "csp.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["Content-Security-Policy"]


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".ttf": "font/ttf",
        ".csv": "text/csv; charset=utf-8",
        ".jsonl": "application/jsonl; charset=utf-8",
    }

    def __init__(self, *args, strict_csp, frame_ancestors, **kwargs):
        self.strict_csp = strict_csp
        self.frame_ancestors = frame_ancestors
        super().__init__(*args, **kwargs)

    def end_headers(self):
        # The path as the file system sees it: %-escapes, '//' and '..' cannot dodge the policy.
        path = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if path == STRICT_DIR or path.startswith(STRICT_DIR + "/"):
            self.send_header("Content-Security-Policy", self.strict_csp)
        elif path == "/embed.html":
            self.send_header("Content-Security-Policy", "frame-ancestors " + self.frame_ancestors)
        super().end_headers()

    def log_message(self, format, *args):
        # Only failures: a page that loads makes dozens of requests.
        if len(args) >= 2 and str(args[1])[:1] in "45":
            super().log_message(format, *args)


def self_check(origin):
    """The type this server gives ftblock.wasm (HEAD request to itself)."""
    req = urllib.request.Request(origin + "/ftblock.wasm", method="HEAD")
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.headers.get("Content-Type", "")
    except OSError as e:
        return f"no answer ({e})"


def main():
    parser = argparse.ArgumentParser(description="Serve ftblock's site on 127.0.0.1.")
    parser.add_argument("--site", default=os.path.join(REPO, "build", "wasm", "web", "site"))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--frame-ancestors", default=os.environ.get("FTBLOCK_FRAME_ANCESTORS", ""),
                        help="sources allowed to frame embed.html (default: 'self' and this server)")
    args = parser.parse_args()

    site = os.path.abspath(args.site)
    try:
        csp = strict_policy(site)
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"serve.py: cannot read the strict page's policy in {site}: {e}")

    handler = functools.partial(Handler, directory=site, strict_csp=csp, frame_ancestors="")
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as e:
        sys.exit(f"serve.py: cannot listen on 127.0.0.1:{args.port} ({e.strerror}); "
                 f"try another port: bash scripts/serve.sh {args.port + 1 if args.port else 8081}")
    port = server.server_address[1]
    origin = f"http://127.0.0.1:{port}"
    ancestors = args.frame_ancestors.strip() or f"'self' {origin}"
    server.RequestHandlerClass = functools.partial(Handler, directory=site, strict_csp=csp,
                                                   frame_ancestors=ancestors)
    print(f"serving {site} on {origin}/", flush=True)

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wasm_type = self_check(origin)
    if wasm_type != "application/wasm":
        server.shutdown()
        sys.exit(f"serve.py: ftblock.wasm is served as '{wasm_type}', not application/wasm")

    print(f"ftblock form:           {origin}/")
    print(f"example intranet page:  {origin}/examples/")
    print(f"  with a strict CSP:    {origin}/examples/strict-csp/")
    print(f"  as an ES module:      {origin}/examples/module.html")
    print(f"embed.html may be framed by: {ancestors}", flush=True)
    try:
        thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
