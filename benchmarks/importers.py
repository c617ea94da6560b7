"""Importer throughput: a synthetic 1,000,000-line Shopify orders export, timed three ways.

Run from the repository root with the project's interpreter::

    python benchmarks/importers.py                 # 1,000,000 lines, one run
    python benchmarks/importers.py --lines 200000 --runs 3

Targets (issue 12): at least 100,000 lines/s, under 1 GB peak memory, and
within 3x the time ``pandas.read_csv`` alone takes to read the columns the
importer needs (``usecols``, ``dtype=str``) from the same file.

How: :func:`write_shopify_export` writes a deterministic export in the real
79-column layout (one row per line item, order fields on the first row only,
2.1 line items per order on average, e-mails repeating across orders, some
cancelled, pending, refunded and discounted orders, a few multi-line quoted
``Note Attributes``). Each measurement runs in a fresh child process (wall
time of the measured call inside the child, and the child's peak RSS from
``wait4``): one child only reads the needed columns with ``pandas.read_csv``,
another imports the file into an empty SQLite store with
``import_shopify_orders`` (pandas is loaded before the clock starts in both).
Each child also reports its CPU time, which other work on a shared machine
disturbs far less than wall time. :func:`measure_importer` returns the
numbers; ``benchmarks/run.py`` turns them into table rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

LINES = 1_000_000
TARGET_LINES_PER_S = 100_000
TARGET_PEAK_MB = 1024
TARGET_RATIO = 3.0

HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"
    "Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
    "Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,"
    "Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,"
    "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,"
    "Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,"
    "Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,"
    "Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,"
    "Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,"
    "Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
)
NEEDED = [
    "Name",
    "Email",
    "Financial Status",
    "Currency",
    "Subtotal",
    "Total",
    "Discount Amount",
    "Created at",
    "Cancelled at",
    "Refunded Amount",
]
PRODUCTS = [
    ("Trail Runner 2", "89.95"),
    ("Merino Base Layer", "64.50"),
    ("Trekking Poles", "49.00"),
    ("Down Jacket", "229.00"),
    ("Camp Stove", "74.90"),
    ("Headlamp 400", "34.95"),
    ("Rain Shell", "159.00"),
    ("Hiking Socks 3-pack", "24.95"),
]
CITIES = [("Berlin", "'10115"), ("München", "'80331"), ("Hamburg", "'20095"), ("Köln", "'50667")]


def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def write_shopify_export(path: Path, lines: int = LINES, seed: int = 1) -> int:
    """Write a Shopify orders export of ``lines`` line-item rows (plus the header); returns the orders."""
    rng = random.Random(seed)
    columns = HEADER.split(",")
    position = {name: i for i, name in enumerate(columns)}
    customers = [f"customer{n}@example.com" for n in range(max(1, lines // 4))]
    start = datetime(2024, 11, 1, 8, 0)
    span = 730 * 24 * 3600
    written = orders = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        while written < lines:
            orders += 1
            items = min(lines - written, rng.choice((1, 1, 1, 2, 2, 3, 4)))
            created = start + timedelta(seconds=span * orders / (lines / 2.1) + rng.randint(0, 600))
            stamp = created.strftime("%Y-%m-%d %H:%M:%S +0100")
            email = "" if rng.random() < 0.08 else customers[rng.randrange(min(len(customers), max(1, orders // 2)))]
            chosen = [rng.choice(PRODUCTS) for _ in range(items)]
            subtotal = sum(float(p) for _, p in chosen)
            discount = round(subtotal * 0.1, 2) if rng.random() < 0.15 else 0.0
            shipping = 0.0 if subtotal > 100 else 4.95
            taxes = round((subtotal - discount) * 0.19, 2)
            total = subtotal - discount + shipping
            refunded = round(total / 2, 2) if rng.random() < 0.04 else 0.0
            status = "pending" if rng.random() < 0.03 else ("partially_refunded" if refunded else "paid")
            cancelled = stamp if rng.random() < 0.02 else ""
            city, zip_code = rng.choice(CITIES)
            note = "gift: yes\nwrap: blue" if rng.random() < 0.01 else ""
            for n, (product, price) in enumerate(chosen):
                row = [""] * len(columns)
                row[position["Name"]] = f"#{1000 + orders}"
                row[position["Email"]] = email
                row[position["Created at"]] = stamp
                row[position["Lineitem quantity"]] = "1"
                row[position["Lineitem name"]] = product
                row[position["Lineitem price"]] = price
                row[position["Lineitem requires shipping"]] = "true"
                if n == 0:
                    for name, value in (
                        ("Financial Status", status),
                        ("Paid at", "" if status == "pending" else stamp),
                        ("Fulfillment Status", "fulfilled"),
                        ("Accepts Marketing", "no"),
                        ("Currency", "EUR"),
                        ("Subtotal", f"{subtotal - discount:.2f}"),
                        ("Shipping", f"{shipping:.2f}"),
                        ("Taxes", f"{taxes:.2f}"),
                        ("Total", f"{total:.2f}"),
                        ("Discount Code", "AUTUMN10" if discount else ""),
                        ("Discount Amount", f"{discount:.2f}"),
                        ("Shipping Method", "Standard"),
                        ("Billing Name", "Alex Example"),
                        ("Billing City", city),
                        ("Billing Zip", zip_code),
                        ("Billing Country", "DE"),
                        ("Note Attributes", note),
                        ("Cancelled at", cancelled),
                        ("Refunded Amount", f"{refunded:.2f}"),
                        ("Id", str(5_000_000_000 + orders)),
                        ("Risk Level", "Low"),
                        ("Source", "web"),
                    ):
                        row[position[name]] = value
                out.write(",".join(_field(v) for v in row) + "\n")
            written += items
    return orders


# ---- measuring ------------------------------------------------------------------------------

_READ_CSV = """
import json, sys, time
import pandas as pd
start, cpu = time.perf_counter(), time.process_time()
rows = 0
for chunk in pd.read_csv(sys.argv[1], usecols={needed!r}, dtype=str, keep_default_na=False,
                         na_filter=False, chunksize=250_000):
    rows += len(chunk)
print(json.dumps({{"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "rows": rows}}))
"""

_IMPORT = """
import json, sys, time
import pandas  # loaded before the clock starts, as in the read_csv child
from ecomtui.db.engine import open_database
from ecomtui.importers.shopify_orders import import_shopify_orders
database = open_database(sys.argv[2])
start, cpu = time.perf_counter(), time.process_time()
summary = import_shopify_orders(database, sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rows": summary.rows_imported, "orders": summary.orders + summary.cancelled_orders}))
"""


def _child(code: str, *args: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter: its last output line (JSON) and its peak RSS in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            lines = err.read().decode(errors="replace").strip().splitlines() or [str(proc.returncode)]
            raise RuntimeError(f"benchmark child failed: {lines[-1]}")
        return json.loads(out.read().decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


@dataclass
class ImporterNumbers:
    lines: int
    orders: int
    file_mb: float
    read_csv_s: list[float]
    import_s: list[float]
    peak_mb: list[float]
    read_csv_cpu_s: list[float] = field(default_factory=list)  # CPU time: steadier on a busy machine
    import_cpu_s: list[float] = field(default_factory=list)

    @property
    def lines_per_s(self) -> float:
        return self.lines / statistics.median(self.import_s)

    @property
    def ratio(self) -> float:
        return statistics.median(self.import_s) / statistics.median(self.read_csv_s)

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(self.import_cpu_s) / statistics.median(self.read_csv_cpu_s)

    def report(self) -> str:
        verdict = lambda ok: "PASS" if ok else "FAIL"  # noqa: E731
        peak = max(self.peak_mb)
        return "\n".join(
            [
                f"file: {self.lines:,} lines, {self.orders:,} orders, {self.file_mb:.0f} MB",
                f"pandas.read_csv (needed columns): {statistics.median(self.read_csv_s):.2f} s",
                f"import_shopify_orders:            {statistics.median(self.import_s):.2f} s",
                f"throughput: {self.lines_per_s:,.0f} lines/s (target >= {TARGET_LINES_PER_S:,}) "
                f"{verdict(self.lines_per_s >= TARGET_LINES_PER_S)}",
                f"peak memory: {peak:.0f} MB (target < {TARGET_PEAK_MB}) {verdict(peak < TARGET_PEAK_MB)}",
                f"time / read_csv time: {self.ratio:.2f}x (target <= {TARGET_RATIO:g}x) {verdict(self.ratio <= TARGET_RATIO)}",
                f"CPU time / read_csv CPU time: {self.cpu_ratio:.2f}x "
                f"({statistics.median(self.import_cpu_s):.2f} s / {statistics.median(self.read_csv_cpu_s):.2f} s; "
                "steadier than wall time when other work shares the machine)",
            ]
        )


def measure_importer(work: Path, lines: int = LINES, runs: int = 1) -> ImporterNumbers:
    """Write the export into ``work`` and time read_csv and the import ``runs`` times each."""
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"shopify_orders_{lines}.csv"
    if not export.exists():
        orders = write_shopify_export(export, lines)
    else:
        orders = 0
    numbers = ImporterNumbers(lines, orders, export.stat().st_size / 1e6, [], [], [])
    for run in range(runs):
        read, _ = _child(_READ_CSV.format(needed=NEEDED), str(export))
        db = work / f"import-{run}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        imported, peak = _child(_IMPORT, str(export), str(db))
        if imported["rows"] != lines:
            raise RuntimeError(f"the import read {imported['rows']} rows, not {lines}")
        numbers.orders = imported["orders"]
        numbers.read_csv_s.append(read["seconds"])
        numbers.import_s.append(imported["seconds"])
        numbers.read_csv_cpu_s.append(read["cpu"])
        numbers.import_cpu_s.append(imported["cpu"])
        numbers.peak_mb.append(peak)
    return numbers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=LINES)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for the export and the stores (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.work:
        print(measure_importer(args.work, args.lines, args.runs).report())
        return 0
    with tempfile.TemporaryDirectory(prefix="ecomtui-importer-bench-") as tmp:
        print(measure_importer(Path(tmp), args.lines, args.runs).report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
