#!/usr/bin/env bash
# Installs the Debian packages CI needs: chromium + fonts-noto-cjk (browser tests, Chinese text) and
# postgresql-15 (npm run test:pg; usually preinstalled, installed anyway). Quiet unless apt fails.
set -euo pipefail

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  else
    echo "ci-system-packages: installing system packages needs root (or sudo)." >&2
    exit 1
  fi
fi

log="$(mktemp /tmp/wangge-ci-apt.XXXXXX.log)"
trap 'rm -f "$log"' EXIT
apt_opts=(-qq -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
packages=(chromium fonts-noto-cjk postgresql-15)

echo "apt-get update"
if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  exit 1
fi
echo "apt-get install --no-install-recommends ${packages[*]}"
if ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
  "${packages[@]}" >>"$log" 2>&1; then
  tail -n 40 "$log" >&2
  exit 1
fi

# Debian's launcher script may print a harmless shell warning before the version; keep the last line.
echo "chromium:  $(/usr/bin/chromium --version 2>/dev/null | tail -n 1 || echo MISSING)"
echo "postgres:  $(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo MISSING)"
echo "CJK font:  $(fc-list ':lang=zh' family 2>/dev/null | head -n 1 || true)"
[[ -x /usr/bin/chromium ]] || { echo "ci-system-packages: /usr/bin/chromium is missing after install" >&2; exit 1; }
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || { echo "ci-system-packages: PostgreSQL 15 server binaries are missing after install" >&2; exit 1; }
if [[ -z "$(fc-list ':lang=zh' family 2>/dev/null | head -n 1)" ]]; then
  echo "ci-system-packages: no Chinese font found after installing fonts-noto-cjk" >&2
  exit 1
fi
