#!/usr/bin/env python3
"""Load test of the event API: filtered pages of 100 events on a database of 100,000+ events.

    .venv/bin/python scripts/loadtest.py                      # 100,000 events, 2,000 requests
    .venv/bin/python scripts/loadtest.py --events 200000 --requests 5000 --json

1. Builds (once; reused while it holds enough events) a database of synthetic events written
   straight into the store (sitrep.server.synthetic; no spaCy), default artifacts/loadtest/.
2. Starts `sitrep serve` on it in a second process, on a free loopback port.
3. Sends a bounded number of requests (and never runs longer than --max-seconds) from a few
   client threads, cycling through typical filtered queries of the desk (country, dates, types,
   actor, bbox, words, civilian targeting, sorted by toll, the next page by cursor).
4. Reports requests/s and latency percentiles overall and per query, and whether p95 is under
   the target (100 ms). Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES: dict[str, str] = {
    "country+dates": "country=Mali&since=2024-01-01&until=2024-06-30",
    "event_type": "event_type=Battles",
    "country+sub_type": "country=Nigeria&sub_event_type=Armed+clash",
    "actor": "actor=Police",
    "bbox": "bbox=-5,10,15,25",
    "words": "q=drone+strike",
    "civilians+toll": "civilian_targeting=true&min_fatalities=5",
    "admin1": "admin1=Zamfara",
    "sorted_by_toll": "country=Sudan&sort=-fatalities",
    "all_newest": "",
}


def build_database(path: Path, events: int) -> tuple[int, float]:
    """A store of at least ``events`` synthetic events at ``path``; (events, seconds spent)."""
    if path.exists():
        with sqlite3.connect(path) as conn:
            found = int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        if found >= events:
            return found, 0.0
        path.unlink()
    from sitrep.server.synthetic import fill_store
    from sitrep.store import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open_store(path) as store:

        def progress(done: int) -> None:
            if done % 10_000 < 5:
                print(f"  {done:,} events stored", file=sys.stderr)

        stored = fill_store(store, events, seed=7, on_progress=progress)
        store.conn.execute("ANALYZE")
    return stored, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SITREP_HOME": str(db.parent)}
    env.pop("SITREP_API_TOKEN", None)
    command = [
        sys.executable, "-m", "sitrep.server.cli", "--db", str(db), "--port", str(port),
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_load(
    base: str, requests: int, threads: int, max_seconds: float, limit: int
) -> dict[str, Any]:
    """Send ``requests`` requests from ``threads`` threads; latencies per query name."""
    import httpx

    names = list(QUERIES)
    cursors: dict[str, str] = {}
    with httpx.Client(base_url=base, timeout=30) as warm:  # warm-up, and the cursors of page 2
        for name, query in QUERIES.items():
            body = warm.get(f"/api/events?limit={limit}&{query}").json()
            if body.get("next_cursor"):
                cursors[name] = body["next_cursor"]
    latencies: dict[str, list[float]] = {name: [] for name in [*names, "next_page"]}
    errors: list[str] = []
    counter = iter(range(requests))
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                name = names[number % len(names)]
                url = f"/api/events?limit={limit}&{QUERIES[name]}"
                if number % 5 == 4 and name in cursors:  # every fifth request asks for page 2
                    name, url = "next_page", f"{url}&cursor={cursors[names[number % len(names)]]}"
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200 or (len(response.json()["items"]) == 0):
                    errors.append(f"{url}: {response.status_code}")
                with lock:
                    latencies[name].append(elapsed)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    every = [v for values in latencies.values() for v in values]
    return {
        "requests": len(every),
        "errors": errors[:10],
        "error_count": len(errors),
        "seconds": round(wall, 2),
        "requests_per_second": round(len(every) / wall, 1),
        "p50_ms": round(percentile(every, 0.50), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "p99_ms": round(percentile(every, 0.99), 1),
        "max_ms": round(max(every), 1),
        "mean_ms": round(statistics.fmean(every), 1),
        "per_query_p95_ms": {
            name: round(percentile(values, 0.95), 1) for name, values in latencies.items() if values
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--events", type=int, default=100_000, help="events in the database (default 100,000)"
    )
    parser.add_argument("--db", type=Path, default=ROOT / "artifacts" / "loadtest" / "events.db")
    parser.add_argument(
        "--requests", type=int, default=2000, help="requests to send (default 2,000)"
    )
    parser.add_argument("--threads", type=int, default=2, help="client threads (default 2)")
    parser.add_argument(
        "--max-seconds", type=float, default=120, help="stop sending after this long"
    )
    parser.add_argument("--limit", type=int, default=100, help="events per page (default 100)")
    parser.add_argument("--target-ms", type=float, default=100, help="p95 target (default 100 ms)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()

    stored, build_seconds = build_database(args.db, args.events)
    port = free_port()
    server = start_server(args.db, port)
    try:
        result = run_load(
            f"http://127.0.0.1:{port}", args.requests, args.threads, args.max_seconds, args.limit
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    result.update(
        events_in_database=stored,
        database_build_seconds=round(build_seconds, 1),
        page_size=args.limit,
        client_threads=args.threads,
        target_p95_ms=args.target_ms,
        meets_target=result["p95_ms"] < args.target_ms and not result["error_count"],
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"database: {stored:,} events ({args.db})")
        print(
            f"{result['requests']:,} requests in {result['seconds']} s from {args.threads} threads: "
            f"{result['requests_per_second']} requests/s"
        )
        print(
            f"latency ms: p50 {result['p50_ms']}  p95 {result['p95_ms']}  p99 {result['p99_ms']}  "
            f"max {result['max_ms']}  (target p95 < {args.target_ms:g} ms: "
            f"{'met' if result['meets_target'] else 'NOT met'})"
        )
        for name, value in result["per_query_p95_ms"].items():
            print(f"  p95 {value:7.1f} ms  {name}")
        if result["error_count"]:
            print(f"errors: {result['error_count']} {result['errors']}")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
