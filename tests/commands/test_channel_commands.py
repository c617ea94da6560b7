"""Channel commands: a user's own channels from the command line."""

from __future__ import annotations

import json

import pytest
from cli_support import one_line_error

from ecomtui.vocabulary import SEED_CHANNELS

pytestmark = pytest.mark.usefixtures("fake_home")


def listed(cli, db) -> list[dict]:
    code, out, err = cli("channel", "list", "--json", "--db", db)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_list_shows_the_seeded_channels_with_colours(cli, db):
    channels = listed(cli, db)
    assert [c["name"] for c in channels] == list(SEED_CHANNELS)
    assert set(channels[0]) == {"id", "name", "colour", "retired", "tasks"}
    assert all(c["colour"].startswith("#") and len(c["colour"]) == 7 for c in channels)
    code, out, _ = cli("channel", "list", "--db", db)
    assert code == 0 and "SEO" in out and "blue" in out


def test_add_rename_colour_move_retire_restore(cli, db):
    assert cli("channel", "add", "TikTok", "--colour", "teal", "--db", db)[:2] == (0, "added channel TikTok (teal)\n")
    assert cli("task", "add", "Creator series", "--channel", "tik", "--db", db)[0] == 0
    assert cli("channel", "rename", "tiktok", "TikTok Shop", "--db", db)[1] == "renamed channel TikTok to TikTok Shop\n"
    assert cli("channel", "colour", "tiktok", "#FF0050", "--db", db)[0] == 0
    assert cli("channel", "move", "tiktok", "1", "--db", db)[1] == "moved channel TikTok Shop to position 1\n"
    first = listed(cli, db)[0]
    assert (first["name"], first["colour"], first["tasks"], first["retired"]) == ("TikTok Shop", "#ff0050", 1, False)

    assert cli("channel", "retire", "tiktok", "--db", db)[1] == "retired channel TikTok Shop\n"
    code, _, err = cli("task", "add", "More videos", "--channel", "tiktok", "--db", db)
    assert code != 0 and "retired" in one_line_error(err)
    code, out, _ = cli("task", "list", "--channel", "tiktok", "--json", "--db", db)
    assert [t["channel"] for t in json.loads(out)] == ["TikTok Shop"]
    assert cli("channel", "restore", "tiktok", "--db", db)[0] == 0
    assert cli("task", "add", "More videos", "--channel", "tiktok", "--db", db)[0] == 0


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["channel", "add", "seo"], "already a channel called 'SEO'"),
        (["channel", "add", "  "], "name is required"),
        (["channel", "add", "TikTok", "--colour", "sunset"], "'sunset'"),
        (["channel", "rename", "nope", "X"], "unknown channel 'nope'"),
        (["channel", "rename", "s", "X"], "could be"),
        (["channel", "rename", "seo", "PPC"], "already"),
        (["channel", "retire", "zzz"], "zzz"),
        (["channel", "colour", "seo", "blurple"], "'blurple'"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(cli, db, args, mentions):
    before = listed(cli, db)
    code, out, err = cli(*args, "--db", db)
    assert code != 0
    assert mentions in one_line_error(err)
    assert out == ""
    assert listed(cli, db) == before
