#!/usr/bin/env python3
"""Build the page: the core as wasm, then one self-contained HTML file.

    python3 scripts/build.py          wasm + page (www/index.html and dist/)
    python3 scripts/build.py wasm     only the wasm and its glue (www/pkg/)
    python3 scripts/build.py page     only the page, from an existing www/pkg/

Everything it needs to know comes from wasm-pack.toml (pinned tool versions,
wasm-bindgen target, cargo profile, wasm-opt passes, output paths).

Steps:
 1. cargo rustc --lib --crate-type cdylib (the crate is rlib-only so LTO stays on)
 2. wasm-bindgen --target no-modules (the pinned version, checked)
 3. wasm-opt from npm binaryen (runs on node; Debian's binaryen breaks the output)
 4. the glue's dead fetch-based loader is cut out: the page only calls
    initSync(bytes), and no network code is left anywhere in it
 5. www/page.html + style.css + app.js + worker.js + sample.csv + the wasm,
    gzipped, as base64 -> one HTML file with a CSP whose script and style hashes are
    computed here. The same bytes go to www/index.html (served by
    `make serve`) and to dist/foi-check.html (opened from disk).
"""
import base64
import gzip
import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # noqa: E402

ROOT = tools.ROOT
WWW = ROOT / "www"
CRATE = "foi_check"
WASM_TARGET = "wasm32-unknown-unknown"
MAX_PAGE_BYTES = 2 * 1024 * 1024  # issue 3 target

# Patterns that must not appear in the page outside the CSP meta tag: any way
# for code to reach the network or navigate away.
FORBIDDEN = [
    r"\bfetch\s*\(", r"XMLHttpRequest", r"WebSocket", r"EventSource", r"sendBeacon",
    r"importScripts", r"window\.open", r"\blocation\s*(\.\s*(href|assign|replace)|=)",
    r"https?://", r"\bimport\s*\(", r"RTCPeerConnection", r"navigator\.serviceWorker",
]


def fail(msg):
    sys.exit(f"build: error: {msg}")


def say(msg):
    print(f"build: {msg}", flush=True)


def run(cmd, **kw):
    say(" ".join(str(c) for c in cmd))
    r = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kw)
    if r.returncode != 0:
        fail(f"{Path(str(cmd[0])).name} failed (exit {r.returncode})")
    return r


def config():
    cfg = tools.load()
    try:
        pins, build, out = cfg["tools"], cfg["build"], cfg["output"]
        wb_pin = pins["wasm-bindgen-cli"]
        target, profile, opt = build["target"], build["profile"], build["wasm-opt"]
        pkg, dist = out["pkg"], out["dist"]
    except KeyError as e:
        fail(f"wasm-pack.toml lacks {e}")
    if target != "no-modules":
        fail(f"wasm-pack.toml [build] target = {target!r}: the single-file page needs "
             "'no-modules' (module scripts do not run from file://)")
    if not isinstance(opt, list):
        fail("wasm-pack.toml [build] wasm-opt must be a list of flags")
    # The CLI must match the crate exactly, or its glue and the wasm disagree.
    with open(ROOT / "Cargo.toml", "rb") as f:
        cargo = tomllib.load(f)
    crate_req = (cargo.get("target", {}).get('cfg(target_arch = "wasm32")', {})
                 .get("dependencies", {}).get("wasm-bindgen"))
    if isinstance(crate_req, dict):
        crate_req = crate_req.get("version")
    if crate_req != f"={wb_pin}":
        fail(f"Cargo.toml pins wasm-bindgen {crate_req!r} but wasm-pack.toml [tools] "
             f"wasm-bindgen-cli = {wb_pin!r}; they must agree (\"={wb_pin}\")")
    return dict(wb_pin=wb_pin, target=target, profile=profile, opt=opt,
                pkg=ROOT / pkg, dist=ROOT / dist)


def wasm_bindgen_version():
    exe = shutil.which("wasm-bindgen") or str(Path.home() / ".cargo/bin/wasm-bindgen")
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return exe, None
    return exe, (out.split() or [None, None])[-1]


def strip_loader(glue):
    """Cut the async, fetch-based loader out of wasm-bindgen's no-modules glue.

    The worker calls initSync({module: bytes}); the rest is dead code that would
    still name network APIs. Fails loudly if the glue's shape changed."""
    cuts = [
        # the script_src lookup used only to fetch the .wasm next to the script
        (r"\n    let script_src;\n    if \(typeof document !== 'undefined'.*?\n    }\n", "\n"),
        # __wbg_load: instantiateStreaming over a fetch Response
        (r"\n    async function __wbg_load\(.*?\n    }\n(?=\n    function initSync)", "\n"),
        # __wbg_init / __wbg_init_once: fetch the .wasm by URL
        (r"\n    let __wbg_init_promise;.*?return Object\.assign\(__wbg_init, \{ initSync \}, exports\);",
         "\n    return Object.assign({}, { initSync }, exports);"),
    ]
    for pattern, repl in cuts:
        glue, n = re.subn(pattern, repl, glue, count=1, flags=re.S)
        if n != 1:
            fail(f"wasm-bindgen glue changed shape; cannot cut the loader ({pattern[:40]}...)")
    # comments only; a URL in a comment is still a URL in the page
    glue = re.sub(r"\n\s*// https?://[^\n]*", "", glue)
    return glue


def build_wasm(c):
    exe, have = wasm_bindgen_version()
    if have != c["wb_pin"]:
        fail(f"wasm-bindgen {have or 'not found'} but wasm-pack.toml pins {c['wb_pin']}: "
             "run scripts/setup.sh")
    run(["cargo", "rustc", "--lib", "--profile", c["profile"], "--target", WASM_TARGET,
         "--crate-type", "cdylib"])
    wasm_in = ROOT / "target" / WASM_TARGET / c["profile"] / f"{CRATE}.wasm"
    tmp = ROOT / "target" / "wasm-bindgen"
    shutil.rmtree(tmp, ignore_errors=True)
    run([exe, "--target", c["target"], "--no-typescript", "--out-dir", tmp, wasm_in])
    pkg = c["pkg"]
    pkg.mkdir(parents=True, exist_ok=True)
    wasm_out = pkg / f"{CRATE}_bg.wasm"
    if c["opt"]:
        wasm_opt = ROOT / "node_modules" / ".bin" / "wasm-opt"
        if not wasm_opt.exists():
            fail("node_modules/.bin/wasm-opt missing: run scripts/setup.sh (npm binaryen)")
        run([wasm_opt, *c["opt"], tmp / f"{CRATE}_bg.wasm", "-o", wasm_out])
    else:
        shutil.copyfile(tmp / f"{CRATE}_bg.wasm", wasm_out)
    glue = strip_loader((tmp / f"{CRATE}.js").read_text())
    (pkg / f"{CRATE}.js").write_text(glue)
    say(f"wasm: {wasm_out.relative_to(ROOT)} {wasm_out.stat().st_size:,} bytes "
        f"(before wasm-opt {(tmp / f'{CRATE}_bg.wasm').stat().st_size:,})")


def sha256_b64(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def inert_block(text, what):
    """Text that goes inside a non-executed <script type=...> block."""
    if re.search(r"</script|<!--", text, re.I):
        fail(f"{what} contains '</script' or '<!--' and cannot be embedded")
    return text


def build_page(c):
    pkg = c["pkg"]
    glue_path, wasm_path = pkg / f"{CRATE}.js", pkg / f"{CRATE}_bg.wasm"
    if not glue_path.exists() or not wasm_path.exists():
        fail(f"{pkg.relative_to(ROOT)} is empty: build the wasm first (scripts/build.py wasm)")
    template = (WWW / "page.html").read_text()
    style = (WWW / "style.css").read_text()
    app = (WWW / "app.js").read_text()
    worker = glue_path.read_text() + "\n" + (WWW / "worker.js").read_text()
    # base64 so the sample's bytes (CRLF line ends) survive HTML parsing exactly
    sample = base64.b64encode((WWW / "sample.csv").read_bytes()).decode()
    # gzip (mtime 0: the same wasm gives the same page, so its SHA-256 is
    # reproducible); the worker inflates it with DecompressionStream. The wasm
    # is 1.8 MB and mostly code: compressed, the page is half the size.
    wasm_b64 = base64.b64encode(gzip.compress(wasm_path.read_bytes(), compresslevel=9, mtime=0)).decode()

    for name, text in [("style.css", style), ("app.js", app), ("worker", worker)]:
        for pat in FORBIDDEN:
            m = re.search(pat, text)
            if m:
                fail(f"{name} contains {m.group(0)!r}: no network or navigation code in the page")
    if re.search(r"</style", style, re.I) or re.search(r"</script", app, re.I):
        fail("style.css or app.js contains a closing tag")

    csp = "; ".join([
        "default-src 'none'",
        f"script-src '{sha256_b64(app)}' 'wasm-unsafe-eval'",
        f"style-src '{sha256_b64(style)}'",
        "worker-src blob:",
        "connect-src 'none'",
        "img-src data: blob:",
        "font-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "child-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
    ])
    parts = {
        "CSP": csp,
        "STYLE": style,
        "APP": app,
        "WORKER": inert_block(worker, "the worker source"),
        "WASM": wasm_b64,
        "SAMPLE": sample,
    }
    # One pass so no inserted text is searched for placeholders again.
    seen = set()

    def fill(m):
        seen.add(m.group(1))
        return parts[m.group(1)]
    page = re.sub(r"\{\{(CSP|STYLE|APP|WORKER|WASM|SAMPLE)\}\}", fill, template)
    if seen != set(parts):
        fail(f"www/page.html lacks placeholders {sorted(set(parts) - seen)}")
    if re.search(r"\son[a-z]+\s*=|\sstyle\s*=", template, re.I):
        fail("www/page.html has an inline event handler or style attribute (CSP blocks them)")

    data = page.encode()
    for out in (WWW / "index.html", c["dist"]):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    say(f"page: www/index.html and {c['dist'].relative_to(ROOT)}")
    print(f"{c['dist'].relative_to(ROOT)}  {len(data):,} bytes  SHA-256 {digest}")
    if len(data) > MAX_PAGE_BYTES:
        print(f"build: WARNING: the page is over the 2 MB target ({len(data):,} bytes)")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what not in ("all", "wasm", "page"):
        fail(f"unknown step {what!r}: use wasm, page or nothing")
    c = config()
    if what in ("all", "wasm"):
        build_wasm(c)
    if what in ("all", "page"):
        build_page(c)


if __name__ == "__main__":
    main()
