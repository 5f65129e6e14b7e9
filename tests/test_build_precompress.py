"""The precompressed siblings (sitebuild/precompress.py): every large file a
static host may send compressed has ``.gz`` and ``.br`` twins that decompress
to exactly its bytes, written after every other step of the build.

A host that serves ``X.br`` for ``X`` trusts these files blindly: a stale or
corrupt sibling would serve another page, an old CSP or a wasm that does not
match ``pyodide.asm.mjs``. Hence byte equality, not just "it decompresses".
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli

from sitebuild import precompress
from sitebuild.cache import BuildCache
from sitebuild.finish import finish_site
from sitebuild.pyodide_bundle import RuntimeBundle
from support.site import load_hook, runtime_dir

# Written out here rather than read from the build, so that dropping a kind of
# file from it fails this test.
EXPECTED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".zip"}
LARGE = 1024
DECOMPRESS = {".gz": gzip.decompress, ".br": brotli.decompress}
MKDOCS_OWN_GZIP = {"sitemap.xml.gz"}  # MkDocs' compressed sitemap, a file in its own right



def large_files(site_dir: Path) -> list[Path]:
    return sorted(
        p for p in site_dir.rglob("*") if p.is_file() and p.suffix in EXPECTED_SUFFIXES and p.stat().st_size > LARGE
    )


def barely_compressible(data: bytes) -> bool:
    """True when even zlib's default level saves under 10 % (already-compressed data)."""
    return len(zlib.compress(data, 6)) > 0.9 * len(data)


def test_the_build_covers_the_kinds_of_file_the_site_sends() -> None:
    assert precompress.SUFFIXES == EXPECTED_SUFFIXES


def test_every_large_file_has_gz_and_br_siblings_that_decompress_to_its_exact_bytes(site_dir: Path) -> None:
    files = large_files(site_dir)
    assert {p.suffix for p in files} >= {".html", ".css", ".js", ".mjs", ".json", ".wasm"}
    problems = []
    for path in files:
        data = path.read_bytes()
        for suffix, decompress in DECOMPRESS.items():
            sibling = path.with_name(path.name + suffix)
            if not sibling.exists():
                if not barely_compressible(data):
                    problems.append(f"{path.relative_to(site_dir)}: no {suffix}")
                continue
            if decompress(sibling.read_bytes()) != data:
                problems.append(f"{sibling.relative_to(site_dir)} does not decompress to {path.name}")
    assert problems == []


def test_an_already_compressed_file_gets_no_useless_siblings(tmp_path: Path) -> None:
    # A deflated archive gains almost nothing: a host should send it as is.
    archive = tmp_path / "deflated.zip"
    archive.write_bytes(zlib.compress(bytes(range(256)) * 4 + os.urandom(8192), 9))
    assert barely_compressible(archive.read_bytes())
    assert precompress.precompress_site(tmp_path, BuildCache(tmp_path / "cache")) == []
    assert not archive.with_name("deflated.zip.gz").exists()
    assert not archive.with_name("deflated.zip.br").exists()


def test_the_pyodide_wasm_is_offered_in_brotli_smaller_than_in_gzip(site_dir: Path) -> None:
    wasm = runtime_dir(site_dir) / "pyodide.asm.wasm"
    br, gz = wasm.with_name(wasm.name + ".br"), wasm.with_name(wasm.name + ".gz")
    assert br.stat().st_size < gz.stat().st_size < wasm.stat().st_size / 2


def test_page_siblings_hold_the_final_html_with_its_content_security_policy(site_dir: Path) -> None:
    # Written after the page got its policy, not from an earlier state.
    page = site_dir / "auto-evaluation" / "index.html"
    html = brotli.decompress(page.with_name("index.html.br").read_bytes()).decode("utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "'wasm-unsafe-eval'" in html


def test_every_sibling_has_its_original_next_to_it(site_dir: Path) -> None:
    orphans = [
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.suffix in DECOMPRESS and p.name not in MKDOCS_OWN_GZIP and not p.with_suffix("").exists()
    ]
    assert orphans == []


def test_small_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "small.css").write_text("a{color:red}" * 10)
    (tmp_path / "big.css").write_text("a{color:red}\n" * 200)
    written = precompress.precompress_site(tmp_path, BuildCache(tmp_path / "cache"))
    assert sorted(p.name for p in written) == ["big.css.br", "big.css.gz"]


class CountingCache(BuildCache):
    """The build cache, counting the results it had to make."""

    made = 0

    def blob(self, name: str, make: Callable[[], bytes]) -> bytes:
        def counted() -> bytes:
            self.made += 1
            return make()

        return super().blob(name, counted)


def test_siblings_come_from_the_cache_when_the_content_was_seen_before(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", CountingCache(tmp_path / "cache")
    site.mkdir()
    (site / "page.html").write_text("<p>Bonjour</p>\n" * 500)
    first = {p.name: p.read_bytes() for p in precompress.precompress_site(site, cache)}
    assert cache.made == 2
    for name in first:
        (site / name).unlink()
    again = {p.name: p.read_bytes() for p in precompress.precompress_site(site, cache)}
    assert again == first
    assert cache.made == 2, "compressed again although cached"


def test_changed_content_is_compressed_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", BuildCache(tmp_path / "cache")
    site.mkdir()
    page = site / "page.html"
    page.write_text("<p>Avant</p>\n" * 500)
    precompress.precompress_site(site, cache)
    page.write_text("<p>Après</p>\n" * 500)
    precompress.precompress_site(site, cache)
    assert gzip.decompress((site / "page.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "page.html.br").read_bytes()) == page.read_bytes()


class NoRuntime(RuntimeBundle):
    """Finishing a site without installing Pyodide into it (not what these tests are about)."""

    def install(self, site_dir: Path) -> Path:
        return site_dir


def test_a_live_preview_skips_precompression(tmp_path: Path) -> None:
    (tmp_path / "big.css").write_text("a{color:red}\n" * 200)
    finish_site(tmp_path, site_url=None, bundle=NoRuntime(), compress=False, cache=BuildCache(tmp_path / "cache"))
    assert not (tmp_path / "big.css.br").exists()
    finish_site(tmp_path, site_url=None, bundle=NoRuntime(), compress=True, cache=BuildCache(tmp_path / "cache"))
    assert (tmp_path / "big.css.br").exists()


def test_mkdocs_serve_skips_precompression_and_a_build_does_not(tmp_path: Path) -> None:
    hook = load_hook("finish_site")

    class Config(dict):
        site_dir = str(tmp_path)
        site_url = "http://127.0.0.1:8000/"

    (tmp_path / "big.css").write_text("a{color:red}\n" * 200)
    try:
        hook.on_startup(command="serve", dirty=False)
        hook.on_post_build(config=Config())
        assert not (tmp_path / "big.css.br").exists()
        hook.on_startup(command="build", dirty=False)
        hook.on_post_build(config=Config())
        assert (tmp_path / "big.css.br").exists()
    finally:
        hook.on_startup(command="build", dirty=False)
