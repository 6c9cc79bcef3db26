#!/usr/bin/env bash
# The browser tests drive the system Chromium through Playwright (Playwright's own browser download is not reachable
# from every build machine). Installs Debian's chromium package when it is missing, then prints its version.
set -euo pipefail

chromium=${SNOWFERRY_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the browser tests need Chromium at $chromium (or set SNOWFERRY_CHROMIUM to its path), and this machine has no apt-get to install it." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "error: the browser tests need Chromium at $chromium; install it with 'sudo apt-get install chromium' (or set SNOWFERRY_CHROMIUM to its path)." >&2
      exit 1
    fi
  fi
  echo "Installing Debian's chromium package for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
"$chromium" --version 2>/dev/null
