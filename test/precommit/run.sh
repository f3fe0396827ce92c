#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (Debian's) as a user's repository
# would: a .pre-commit-config.yaml naming a clone of this repository's HEAD (pre-commit installs it once with npm:
# npm install, whose postinstall builds dist/cli.js, npm pack, npm install -g of the tarball); the file hook on a
# config with a missing module (must fail, naming module-not-loaded) and on the fixed config (must pass), the
# whole-configuration hook with the main config in args where only a fragment changed, and the fixing hook. Needs the npm registry (or npm's cache) for that install. Exit 77 (skipped) without pre-commit or git.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in pre-commit git node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian: apt-get install pre-commit)"
    exit 77
  fi
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_GLOBAL="$tmp/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --global user.email ci@example.invalid
git config --global user.name ci
git config --global init.defaultBranch main

# A clone of HEAD: what pre-commit would fetch from the repository (committed files only, no dist/).
git clone --quiet "$repo" "$tmp/hooks"
rev="$(git -C "$tmp/hooks" rev-parse HEAD)"

mkdir -p "$tmp/project/etc/lighttpd/conf.d"
cd "$tmp/project"
git init --quiet
cat > etc/lighttpd/lighttpd.conf <<'EOF'
server.modules = ( "mod_access" )
server.document-root = "/srv/www"
include "conf.d/*.conf"
EOF
cat > etc/lighttpd/conf.d/10-proxy.conf <<'EOF'
proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )
EOF
echo 'not a lighttpd config: ignored by the hooks' > README.conf
git add -A

failures=0
check() { # name, expected status, command...
  local name="$1" want="$2"
  shift 2
  local got=0
  "$@" > "$tmp/out" 2>&1 || got=$?
  if [ "$got" = "$want" ]; then echo "ok   $name"; else
    echo "FAIL $name (exit $got, expected $want)"
    sed 's/^/     /' "$tmp/out"
    failures=$((failures + 1))
  fi
}
contains() { # name, text
  if grep -qF -- "$2" "$tmp/out"; then echo "ok   $1"; else
    echo "FAIL $1 (no '$2' in the output)"
    sed 's/^/     /' "$tmp/out"
    failures=$((failures + 1))
  fi
}

# A .pre-commit-config.yaml names the clone, as a user's repository does: pre-commit installs the hooks once into
# PRE_COMMIT_HOME, one environment for the three hooks (try-repo would install into a new store every run: minutes
# each, the npm install that pre-commit makes includes the devDependencies).
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: lighttpd-lint
      - id: lighttpd-lint-config
        args: [etc/lighttpd/lighttpd.conf]
      - id: lighttpd-lint-fix
        stages: [manual]
EOF
git add -A

start=$(date +%s)
check "lighttpd-lint: the main config with a fragment missing its module fails" 1 \
  pre-commit run lighttpd-lint --all-files
contains "the hook names the fragment's problem" 'etc/lighttpd/conf.d/10-proxy.conf:1:1: error module-not-loaded'
contains "pre-commit reports the hook failed" 'lighttpd-lint............................................................Failed'
echo "     (install and run $(($(date +%s) - start)) s)"

sed -i 's/"mod_access" )/"mod_access", "mod_proxy" )/' etc/lighttpd/lighttpd.conf
git add -A
check "lighttpd-lint: the fixed config passes" 0 pre-commit run lighttpd-lint --all-files
contains "pre-commit reports the hook passed" 'lighttpd-lint............................................................Passed'
git commit --quiet --no-verify -m fixed

# The whole-configuration hook: the main config (committed) lacks mod_proxy again; only the fragment is staged.
sed -i 's/, "mod_proxy" )/ )/' etc/lighttpd/lighttpd.conf
git commit --quiet --no-verify -am "main config without mod_proxy"
echo 'proxy.balance = "fair"' >> etc/lighttpd/conf.d/10-proxy.conf
git add etc/lighttpd/conf.d/10-proxy.conf
check "lighttpd-lint-config: a staged fragment gets the whole configuration checked from its main config" 1 \
  pre-commit run lighttpd-lint-config
contains "the whole-configuration hook reports the fragment" 'etc/lighttpd/conf.d/10-proxy.conf:1:1: error module-not-loaded'
git commit --quiet --no-verify -m "fragment"
echo 'not a config' > notes.txt
git add notes.txt
check "lighttpd-lint-config: no lighttpd file staged, the hook does not run" 0 pre-commit run lighttpd-lint-config
contains "pre-commit skips it" '(no files to check)Skipped'
git commit --quiet --no-verify -m notes

# The fixing hook: the fragment gets its own server.modules += line (Debian's style for fragments); pre-commit
# fails the hook because it changed a file.
check "lighttpd-lint-fix: fixes the configuration and fails because it changed a file" 1 \
  pre-commit run lighttpd-lint-fix --hook-stage manual --all-files
contains "the fix is printed" 'fixed etc/lighttpd/conf.d/10-proxy.conf:1: module-not-loaded: Add "mod_proxy" to server.modules'
if grep -qF 'server.modules += ( "mod_proxy" )' etc/lighttpd/conf.d/10-proxy.conf; then echo "ok   the fragment now loads mod_proxy"; else
  echo "FAIL the fragment was not fixed"; sed 's/^/     /' etc/lighttpd/conf.d/10-proxy.conf; failures=$((failures + 1)); fi

echo "pre-commit $(pre-commit --version | cut -d' ' -f2): $failures failed ($(($(date +%s) - start)) s)"
[ "$failures" = 0 ]
