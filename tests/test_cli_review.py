"""``ecomtui review`` prints the week's review for people (Markdown) and scripts (JSON)."""

from __future__ import annotations

import json

from ecomtui.cli import main


def _db(tmp_path):
    db = str(tmp_path / "r.db")
    assert main(["task", "add", "Send teaser", "--due", "2026-11-18", "--db", db]) == 0
    return db


def test_review_markdown_for_a_week(tmp_path, capsys):
    db = _db(tmp_path)
    capsys.readouterr()
    assert main(["review", "--week", "2026-W47", "--markdown", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Weekly review 2026-W47\n")
    assert "## Tasks" in out and "| Send teaser | To do | 2026-11-18 |" in out
    # the six steps of the screen, in its order, the last one even before anything was written
    headings = [line[3:] for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["KPIs", "Budget", "Tasks", "Promotions", "Agencies", "Notes and priorities"]
    assert out.rstrip().endswith("### Next week's priorities\n\n_Not saved yet._")


def test_review_json_is_the_same_content(tmp_path, capsys):
    db = _db(tmp_path)
    capsys.readouterr()
    assert main(["review", "--json", "--db", db]) == 0  # default: the last full week before 2026-11-23
    data = json.loads(capsys.readouterr().out)
    assert (data["week"], data["start"], data["end"], data["saved"]) == ("2026-W47", "2026-11-16", "2026-11-22", False)
    tasks = next(s for s in data["sections"] if s["key"] == "tasks")
    slipped = next(t for t in tasks["tables"] if t["title"].startswith("Slipped"))
    assert slipped["rows"][0][:3] == ["Send teaser", "To do", "2026-11-18"]


def test_a_bad_week_is_one_plain_line(tmp_path, capsys):
    db = _db(tmp_path)
    capsys.readouterr()
    assert main(["review", "--week", "2026-W60", "--db", db]) == 1
    err = capsys.readouterr().err
    assert err == "ecomtui: error: week: '2026-W60' is not an ISO week (use YYYY-Www, e.g. 2026-W47)\n"
