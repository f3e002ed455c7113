"""Benchmark (not a test): how soon the web editor shows a plan again after an edit.

    .venv/bin/python bench/web_preview.py [--edits 20]

On the Hà Nội 2026 example (11 pages), through the editor's own requests (Starlette's test client,
in this process, LibreOffice kept running), each edit changes one text of the plan; measured:
- quick view: from sending the edit to its answer, which holds the check's findings and the quick
  view of the laid-out plan (its first page included) — target: under 0.3 s;
- exact pages: from sending the edit to every page image of the new text fetched (built, converted
  by LibreOffice, cut into images) — target: under 1 s on 2 cores.
Medians of `--edits` edits (the first, which starts LibreOffice, is not counted).
Results: a table on stdout and bench/results/web_preview.json.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hanoi-2026.yaml"
TOKEN = "bench"
HOST = "127.0.0.1:1"
COOKIE_NAME = "plangen_token_1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from plangen.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "plan.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        client = TestClient(create_app(folder, TOKEN, {HOST}), base_url=f"http://{HOST}")
        client.cookies.set(COOKIE_NAME, TOKEN)
        headers = {"x-plangen-token": TOKEN, "hx-request": "true"}
        page = client.get("/edit?f=plan.yaml").text
        version = int(re.search(r'id="version" name="version" value="(\d+)"', page).group(1))
        quick, exact, pages = [], [], 0
        for n in range(args.edits + 1):
            start = time.perf_counter()
            answer = client.post("/edit/op?f=plan.yaml", headers=headers, data={
                "op": "set", "path": json.dumps(["sections", 0, "content", 0, "item"]),
                "value": f"Tổ chức nghiên cứu, quán triệt nội dung Chương trình (lần sửa {n}).",
                "version": str(version)})
            answered = time.perf_counter() - start
            assert answer.status_code == 200 and "ỦY BAN NHÂN DÂN" in answer.text, answer.text[:300]
            version = int(re.search(r'id="version" name="version" value="(\d+)"', answer.text).group(1))
            digest = re.search(r'id="status" data-digest="([0-9a-f]+)"', answer.text).group(1)
            images = re.findall(rf'src="(/page/{digest}/\d+\.jpg)"', answer.text)
            while not images:  # as the page does: asks, and is answered when the pages are made
                status = client.get("/edit/status?f=plan.yaml").text
                images = re.findall(rf'src="(/page/{digest}/\d+\.jpg)"', status)
            for image in images:
                assert client.get(image).status_code == 200
            done = time.perf_counter() - start
            if n:
                quick.append(answered)
                exact.append(done)
            pages = len(images)
    results = {"pages": pages, "edits": args.edits,
               "quick_view_median_s": round(statistics.median(quick), 3),
               "exact_pages_median_s": round(statistics.median(exact), 3),
               "exact_pages_max_s": round(max(exact), 3)}
    print(f"{'plan':<24} {EXAMPLE.name} ({pages} pages), {args.edits} edits")
    print(f"{'quick view (median)':<24} {results['quick_view_median_s']:.3f} s   target < 0.3 s")
    print(f"{'exact pages (median)':<24} {results['exact_pages_median_s']:.3f} s   target < 1 s")
    print(f"{'exact pages (slowest)':<24} {results['exact_pages_max_s']:.3f} s")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web_preview.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
