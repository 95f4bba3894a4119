#!/usr/bin/env python3
"""The driver of `npm run bench -- webgpu` for a machine without Node (a GPU machine lent bare).

Usage: python3 serve.py DIST CHROMIUM [--gpu] [--query Q] [--timeout S] [--out FILE] [--log-lines N]
                       [-- more chromium flags...]

DIST is the folder built by `npm run bench -- webgpu --build-only` (.tmp/bench-webgpu), CHROMIUM a
headless Chromium (chromium or chromium-headless-shell). It serves DIST on 127.0.0.1, starts the
browser on the page with `post=1` (and Q, e.g. `workloads=mlp-demo&backends=webgpu,wasm`), prints
the page's progress lines as they come, then its report, and writes the result JSON to FILE.
`--gpu` adds the flags that give headless Chromium a real GPU; where the NVIDIA Vulkan driver is
not in /usr/share/vulkan/icd.d, set VK_ADD_DRIVER_FILES to its nvidia_icd.json.
Exit status: 0 with a report, 1 when the page failed or the browser ended first, 2 on timeout.
"""
import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument('dist')
parser.add_argument('chromium')
parser.add_argument('--query', default='')
parser.add_argument('--timeout', type=float, default=540)
parser.add_argument('--out', default='bench-webgpu.json')
parser.add_argument('--gpu', action='store_true', help='add the flags that give headless Chromium a real GPU (REAL_GPU_ARGS of run.ts)')
parser.add_argument('--log-lines', type=int, default=0, help="print the browser's last N log lines even when it worked")
argv = sys.argv[1:]
flags = argv[argv.index('--') + 1:] if '--' in argv else []
args = parser.parse_args(argv[:argv.index('--')] if '--' in argv else argv)

done = threading.Event()
outcome = {}


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=args.dist, **k)

    def log_message(self, *a):
        pass

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        super().end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode('utf-8', 'replace')
        self.send_response(204)
        self.end_headers()
        if self.path.endswith('/progress'):
            print(f'[{time.strftime("%H:%M:%S")}] {body}', flush=True)
        elif self.path.endswith('/result'):
            outcome.update(json.loads(body))
            done.set()


http.server.SimpleHTTPRequestHandler.extensions_map['.wasm'] = 'application/wasm'
http.server.SimpleHTTPRequestHandler.extensions_map['.js'] = 'text/javascript'
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f'http://127.0.0.1:{server.server_address[1]}/index.html?post=1&{args.query}'
profile = tempfile.mkdtemp(prefix='bench-webgpu-')
base = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-quic', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', f'--user-data-dir={profile}']
# REAL_GPU_ARGS of run.ts: without them headless Chromium's WebGPU adapter is SwiftShader even on a GPU machine.
real_gpu = ['--enable-gpu', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--use-vulkan=native', '--use-angle=vulkan', '--ignore-gpu-blocklist']
command = [args.chromium, *base, *(real_gpu if args.gpu else []), *flags, url]
print('starting:', ' '.join(command), flush=True)
log = open(os.path.join(profile, 'chromium.log'), 'w')
browser = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
deadline = time.time() + args.timeout
status = 2
try:
    while time.time() < deadline:
        if done.wait(1):
            break
        if browser.poll() is not None:
            break
    if 'report' in outcome:
        print(outcome['report'], flush=True)
        with open(args.out, 'w') as f:
            json.dump(outcome['result'], f, indent=2)
        status = 0
    elif 'error' in outcome:
        print('page failed:', outcome['error'], flush=True)
        status = 1
    elif browser.poll() is not None:
        print(f'the browser ended first (exit {browser.returncode})', flush=True)
        status = 1
    else:
        print(f'no result within {args.timeout} s', flush=True)
finally:
    browser.kill()
    log.close()
    if status != 0 or args.log_lines:
        with open(os.path.join(profile, 'chromium.log')) as f:
            n = max(args.log_lines, 40 if status else 0)
            print(f'chromium log (last {n} lines):', *f.readlines()[-n:], sep='', flush=True)
    server.shutdown()
sys.exit(status)
