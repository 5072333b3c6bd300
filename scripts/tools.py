#!/usr/bin/env python3
"""Print a value from wasm-pack.toml: `tools.py tools.wasm-bindgen-cli`.

The build's pinned versions and paths live in wasm-pack.toml; shell scripts
read them through this helper so that no version is written twice.
"""
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load():
    with open(ROOT / "wasm-pack.toml", "rb") as f:
        return tomllib.load(f)


def get(dotted):
    value = load()
    for part in dotted.split("."):
        value = value[part]
    return value


if __name__ == "__main__":
    v = get(sys.argv[1])
    print(" ".join(v) if isinstance(v, list) else v)
