"""(e) Requests per second of the case page and the home page under concurrent load, against a bare
Django view on the same server: gunicorn with 2 workers on the loopback, driven by wrk (Debian's `wrk`)
or, where wrk is missing, by a small threaded Python client. Each logged-in connection has its own session."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .signin import signed_in
from .timing import ratio

TITLE = "Pages under concurrent load (gunicorn, 2 workers) vs a bare Django view"
GOAL = "≥ 0.4×"
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sessions(user, n: int) -> list[str]:
    out = []
    for _ in range(n):
        c = signed_in(user)
        out.append(c.cookies["sessionid"].value)
    return out


def _wait(url: str, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"the benchmark server did not answer at {url}")


LUA = """
local cookies = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", nil, {["Cookie"] = "sessionid=" .. cookies[(i %% #cookies) + 1]})
end
"""


def _wrk(url: str, cookies: list[str], seconds: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(f'"{c}"' for c in cookies))
        script = f.name
    try:
        p = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, url],
                           capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(script)
    out = p.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def conv(m):
        if not m:
            return None
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v

    return {"rps": rps, "p50_ms": conv(p50), "p99_ms": conv(p99), "non2xx": int(errors.group(1)) if errors else 0}


def _python_load(url: str, cookies: list[str], seconds: int, connections: int) -> dict:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    lat: list[float] = []
    bad = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(k: int):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            t = time.perf_counter()
            conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                         headers={"Cookie": f"sessionid={cookies[k % len(cookies)]}"})
            r = conn.getresponse()
            r.read()
            mine.append(time.perf_counter() - t)
            if r.status >= 400:
                bad[0] += 1
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    return {"rps": len(lat) / seconds, "p50_ms": lat[len(lat) // 2] * 1000 if lat else None,
            "p99_ms": lat[int(len(lat) * 0.99)] * 1000 if lat else None, "non2xx": bad[0]}


def run(ctx) -> dict:
    user = ctx.load_user()
    connections = 8
    cookies = _sessions(user, connections)
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", "-",
         "--error-logfile", "-", "--log-level", "warning", "bench.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    targets = [("bare Django view", "/__bench__/bare"), ("home page (我的工作)", "/")]
    targets += ctx.case_pages(user)
    tool = "wrk" if shutil.which("wrk") else "python"
    load = _wrk if tool == "wrk" else _python_load
    results = {}
    try:
        _wait(f"{base}/healthz")
        for label, path in targets:
            load(base + path, cookies, 1, connections)  # warm up both workers
            results[label] = load(base + path, cookies, ctx.load_seconds, connections)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    bare = results["bare Django view"]["rps"]
    rows, ratios = [], []
    for label, _path in targets:
        r = results[label]
        rows.append([label, f"{r['rps']:.0f}", f"{r['p50_ms']:.1f}" if r["p50_ms"] else "—",
                     f"{r['p99_ms']:.1f}" if r["p99_ms"] else "—", str(r["non2xx"])])
        if label != "bare Django view":
            v = ratio(r["rps"], bare)
            ratios.append({"label": f"{label} ÷ bare view (req/s)", "value": v, "goal": GOAL,
                           "met": v is not None and v >= 0.4 and r["non2xx"] == 0})
    return {"title": TITLE, "ratios": ratios,
            "headers": ["page", "requests/s", "p50 ms", "p99 ms", "non-2xx"], "rows": rows,
            "notes": [f"Load from {tool}: {connections} connections for {ctx.load_seconds} s per page, "
                      f"after a 1 s warm-up; user `{user.username}`; server and load generator share the "
                      f"machine's {os.cpu_count()} cores. Every request carries a logged-in session, the bare "
                      f"view's too (renewed at most once a minute: IdleSessionMiddleware)."]}
