#!/usr/bin/env bash
# Install the Debian packages the program and its tests need, when they are missing:
# the libraries Qt loads, poppler (pdftotext/pdftoppm to check PDFs), and PostgreSQL for the
# storage tests. Runs apt-get only when something is missing; as root, or through sudo.
set -euo pipefail

packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libxcb-xkb1 libx11-xcb1 libxrender1 libxi6
  poppler-utils postgresql
)
if [[ "${1:-}" == "--screen" ]]; then
  packages+=(xvfb x11-apps imagemagick)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "system-deps: not a Debian system; please install: ${missing[*]}" >&2
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "system-deps: missing ${missing[*]} and not root; install them yourself" >&2
    exit 0
  fi
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
