#!/usr/bin/env bash
# Install the Debian packages the program needs, when they are missing, one line per step:
#   (no option)  what the app needs: python3-venv and the libraries Qt loads
#   --test       also poppler (pdftotext/pdftoppm to check PDFs), PostgreSQL for the storage tests
#                and LibreOffice Calc (headless, no GUI: about a minute to install) to print the
#                Excel exports to PDF as a clerk's Calc does
#   --screen     also Xvfb and ImageMagick for `make screenshots`
# Runs apt-get only when something is missing; as root, or through sudo.
set -euo pipefail

packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libxcb-xkb1 libx11-xcb1 libxrender1 libxi6
)
what="the app"
case "${1:-}" in
  --test) packages+=(poppler-utils postgresql chromium libreoffice-calc-nogui); what="the tests" ;;
  --screen) packages+=(xvfb x11-apps imagemagick); what="screenshots" ;;
esac
# `python3 -m venv` needs ensurepip, which Debian ships apart in python3-venv
python="${PYTHON:-python3}"
if ! "$python" -c "import ensurepip" >/dev/null 2>&1; then
  packages+=("python3-venv")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "==> system packages for $what: all present"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "==> not a Debian system; please install: ${missing[*]}" >&2
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "==> missing ${missing[*]} and not root; install them yourself" >&2
    exit 0
  fi
fi
echo "==> installing system packages for $what: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
