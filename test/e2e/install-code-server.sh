#!/usr/bin/env bash
# Installs code-server (VS Code's real workbench and Node extension host, from the npm registry) into a cache
# folder outside the repository, once, without downloading anything from GitHub.
# Usage: test/e2e/install-code-server.sh DEST [VERSION]
#   DEST is the final folder (e.g. ~/.cache/lighttpd-conf-e2e/code-server-4.100.3); it only appears once the
#   install is complete (built in DEST.partial, then renamed), so an interrupted run is simply redone.
# When run as root it installs the Debian packages the native modules and the browser need.
set -euo pipefail
DEST=${1:?usage: install-code-server.sh DEST [VERSION]}
VERSION=${2:-4.100.3}

APT_PACKAGES="build-essential pkg-config python3 libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium fonts-dejavu-core"
missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "missing Debian packages:$missing (run as root or install them first)" >&2
    exit 2
  fi
fi

if [ -f "$DEST/.complete" ]; then
  echo "code-server $VERSION already installed in $DEST"
  exit 0
fi

WORK="$DEST.partial"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
echo '{ "name": "lighttpd-conf-e2e-code-server", "private": true }' > package.json
# Keep the repository's and the user's npm settings out of this install.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_yes=true   # node-pty's build runs `npx node-gyp`

echo "== npm install code-server@$VERSION (without scripts: its postinstall would fetch ripgrep from GitHub)"
npm install --no-save --ignore-scripts --loglevel=error "code-server@$VERSION"
npm rebuild argon2 --loglevel=error

echo "== what code-server's postinstall does, with Debian's ripgrep"
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --loglevel=error
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --loglevel=error
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --loglevel=error)

cd "$WORK"
test -f node_modules/code-server/lib/vscode/out/server-main.js
date -u +%FT%TZ > .complete
rm -rf "$DEST"
mv "$WORK" "$DEST"
echo "code-server $VERSION installed in $DEST"
