"""The build's one cache (``sitebuild/cache.py``): a result is made once per
input, an interrupted step leaves nothing behind, and the cache stays within
its budget by dropping what was used least recently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild.cache import TEMPORARY, BuildCache, key


def test_a_blob_is_made_once_then_read_back(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"compressed"

    assert cache.blob("entry", make) == b"compressed"
    assert cache.blob("entry", make) == b"compressed"
    assert made == [1]


def test_a_folder_entry_is_filled_once_and_an_interrupted_one_leaves_nothing(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")

    def fail(folder: Path) -> None:
        (folder / "half").write_text("written")
        raise RuntimeError("the tool failed")

    with pytest.raises(RuntimeError):
        cache.folder_entry("bundle", fail)
    assert list((tmp_path / "cache").iterdir()) == []

    calls: list[Path] = []
    first = cache.folder_entry("bundle", lambda folder: (calls.append(folder), (folder / "f").write_text("x")))
    again = cache.folder_entry("bundle", lambda folder: calls.append(folder))
    assert first == again == tmp_path / "cache" / "bundle"
    assert len(calls) == 1 and (first / "f").read_text() == "x"


def test_the_least_recently_used_entries_go_first_beyond_the_budget(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, budget=2500)
    for index, age in enumerate((300, 200, 100)):
        entry = tmp_path / f"entry{index}"
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1_000_000 - age, 1_000_000 - age))
    (tmp_path / f"{TEMPORARY}concurrent").mkdir()  # another build's unfinished entry
    cache.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{TEMPORARY}concurrent", "entry1", "entry2"]


def test_using_an_entry_keeps_it_and_the_newest_entry_is_never_dropped(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, budget=2500)
    cache.blob("old", lambda: b"o" * 1000)
    os.utime(tmp_path / "old", (1_000, 1_000))
    cache.blob("unused", lambda: b"u" * 1000)
    os.utime(tmp_path / "unused", (2_000, 2_000))
    assert cache.blob("old", lambda: b"never made") == b"o" * 1000  # used again: now the most recent
    cache.blob("new", lambda: b"n" * 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old"]
    cache.blob("huge", lambda: b"h" * 5000)  # alone over the budget, but just made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge"]


def test_keys_tell_apart_inputs_that_concatenate_alike() -> None:
    assert key("ab", "c") != key("a", "bc")
    assert key("a", b"b") == key(b"a", "b")
