"""Results: one JSON file per (engine, scale) run, and bench/RESULTS.md rendered from all of them, so a
district run by `make bench` and a city run done by hand sit side by side."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .machine import database, machine

ORDER = ["metrics", "lists", "sweep", "import", "load", "demo"]


def save_and_render(ctx, results: dict, *, json_dir: Path, markdown: Path) -> Path:
    json_dir.mkdir(parents=True, exist_ok=True)
    path = json_dir / f"{ctx.vendor}-{ctx.scale}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    # a partial run (BENCH_ONLY) keeps the other benchmarks' last figures
    merged = {**previous.get("results", {}), **results}
    doc = {"scale": ctx.scale, "size": ctx.size, "when": datetime.now().strftime("%Y-%m-%d %H:%M"),
           "machine": {**machine(), "loadavg_before": getattr(ctx, "load_before", None)}, "database": database(), "seed": ctx.seed_stats,
           "lines": sorted(p.line for p in ctx.plugins), "results": merged}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str))
    markdown.write_text(render(sorted(json_dir.glob("*.json"))))
    return path


def _fmt_ratio(r: dict) -> str:
    if r.get("value") is None:
        return "—"
    return f"{r['value']}{r.get('unit', '×')}"


def _verdict(r: dict) -> str:
    return "met" if r.get("met") else "**not met**"


def render(files: list[Path]) -> str:
    docs = [json.loads(f.read_text()) for f in files]
    docs.sort(key=lambda d: (d["size"], d["database"]["vendor"]))
    out = ["# Benchmark results", "",
           "Written by `make bench` (`python -m bench.run`; see its docstring for the knobs). Each benchmark "
           "reports a ratio against a baseline measured in the same run, with the absolute figures below it. "
           "Goals are reported, never enforced. Data: `sifa bench seed` (bench/seed.py), deterministic.", ""]
    out += ["## Summary", "", "| benchmark | measure | " + " | ".join(_run_label(d) for d in docs) + " | goal |",
            "|---|---|" + "---|" * len(docs) + "---|"]
    rows: dict[tuple[str, str], dict] = {}
    for i, d in enumerate(docs):
        for name in ORDER:
            res = d["results"].get(name)
            if not res:
                continue
            for r in res.get("ratios", []):
                rows.setdefault((name, r["label"]), {"goal": r["goal"]})[i] = f"{_fmt_ratio(r)} ({_verdict(r)})"
            if "skipped" in res or "error" in res:
                rows.setdefault((name, "—"), {"goal": ""})[i] = "skipped" if "skipped" in res else "error"
    for (name, label), cells in sorted(rows.items(), key=lambda kv: ORDER.index(kv[0][0])):
        out.append(f"| {name} | {label} | " + " | ".join(cells.get(i, "") for i in range(len(docs)))
                   + f" | {cells['goal']} |")
    out.append("")
    findings = Path(__file__).with_name("findings.md")
    if findings.exists():
        out += [findings.read_text().strip(), ""]
    for d in docs:
        out += _render_run(d)
    return "\n".join(out) + "\n"


def _load(v) -> str:
    return f"{v[0]:.1f}" if v and v[0] is not None else "?"


def _run_label(d: dict) -> str:
    return f"{d['database']['vendor']} · {d['scale']}"


def _render_run(d: dict) -> list[str]:
    m, db, s = d["machine"], d["database"], d.get("seed") or {}
    out = [f"## {db['version']} · scale {d['scale']} ({d['size']:,} cases) · {d['when']}", "",
           f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, Python {m['python']}, {m['os']}",
           f"- Load average (1 min) before / after the run: {_load(m.get('loadavg_before'))} / "
           f"{_load(m.get('loadavg'))} — on a shared machine, other work competes for the {m['nproc']} CPUs",
           f"- Database: {db['version']}, `{db['name']}`"
           + (f", shared_buffers {db['shared_buffers']}, work_mem {db['work_mem']}" if "shared_buffers" in db else ""),
           f"- Lines generated: {', '.join(d.get('lines') or []) or 'none'}"]
    if s:
        out.append(f"- Generated: {s.get('cases', 0):,} cases, {s.get('rows', 0):,} rows in all "
                   f"({s.get('events', 0):,} audit events), {s.get('districts', 0)} districts, in "
                   f"{s.get('seconds', 0)} s ({s.get('rows', 0) / max(s.get('seconds', 1), 0.001):,.0f} rows/s)")
        tables = s.get("tables") or {}
        if tables:
            out.append("- Rows per table: " + ", ".join(f"{k} {v:,}" for k, v in sorted(tables.items(),
                                                                                       key=lambda kv: -kv[1])))
    out.append("")
    for name in ORDER:
        res = d["results"].get(name)
        if not res:
            continue
        out += [f"### {name}: {res['title']}", ""]
        if "skipped" in res:
            out += [f"Skipped: {res['skipped']}", ""]
            continue
        if "error" in res:
            out += ["Failed:", "", "```", res["error"].strip(), "```", ""]
            continue
        if res.get("ratios"):
            out += ["| ratio | value | goal | |", "|---|---|---|---|"]
            out += [f"| {r['label']} | {_fmt_ratio(r)} | {r['goal']} | {_verdict(r)} |" for r in res["ratios"]]
            out.append("")
        if res.get("rows"):
            out += ["| " + " | ".join(res["headers"]) + " |", "|" + "---|" * len(res["headers"])]
            out += ["| " + " | ".join(str(c) for c in row) + " |" for row in res["rows"]]
            out.append("")
        for note in res.get("notes", []):
            out.append(f"- {note}")
        out += [f"- Took {res.get('seconds', '?')} s.", ""]
    return out
