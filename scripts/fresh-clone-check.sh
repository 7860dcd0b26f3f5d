#!/usr/bin/env bash
# A newcomer's first minutes, proved: clone the repository into a temporary folder and run the README's two
# commands there, with the system's font folders hidden (WEIQUAN_FONT_DIRS at an empty folder), then check
# that the letter and the 12315 package came out with an embedded CJK font.
#
#   scripts/fresh-clone-check.sh              # both commands: npm ci && npm start -- demo, then npm test
#   scripts/fresh-clone-check.sh --demo-only  # the first command only (CI runs npm test itself already)
#
# Needs git, Node/npm and pdffonts (poppler-utils; npm test's first step installs it on Debian).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
run_tests=1
if [ "${1:-}" = "--demo-only" ]; then run_tests=0; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/weiquan-fresh-clone.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

git clone --quiet "$repo" "$work/weiquan"
mkdir "$work/no-fonts"
cd "$work/weiquan"

export CI=true NO_COLOR=1
export WEIQUAN_FONT_DIRS="$work/no-fonts" # hide the system's fonts: the packaged font must do
export WEIQUAN_HOME="$work/home"           # never the user's own data home
unset WEIQUAN_BROWSER WEIQUAN_PACKAGED_FONT || true

echo "fresh-clone-check: npm ci && npm start -- demo (system fonts hidden)"
npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1 || { cat "$work/npm-ci.log"; exit 1; }
# the demo prints the paths of what it wrote on stdout, its narration on stderr
npm start --silent -- demo >"$work/demo.out" 2>"$work/demo.err" || { cat "$work/demo.err"; exit 1; }
cat "$work/demo.err"

letter="$(grep -E '/letter[^/]*\.pdf$' "$work/demo.out" | head -n 1 || true)"
complaint="$(grep -E '/complaint\.pdf$' "$work/demo.out" | head -n 1 || true)"
status=0
for pdf in "$letter" "$complaint"; do
  if [ -z "$pdf" ] || [ ! -f "$pdf" ]; then
    echo "fresh-clone-check: FAILED: the demo did not print both PDFs:"; cat "$work/demo.out"; exit 1
  fi
  # a CJK font, embedded (the "emb" column says yes): with system fonts hidden, the packaged Noto Sans SC
  if pdffonts "$pdf" | grep -E '(NotoSans|NotoSerif|SourceHan|CJK|Hans|SC-)' | grep -qE '\byes\b'; then
    echo "fresh-clone-check: $(basename "$pdf"): $(pdffonts "$pdf" | awk 'NR>2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u | paste -sd ' ' -) embedded"
  else
    echo "fresh-clone-check: FAILED: no embedded CJK font in $pdf"; pdffonts "$pdf"; status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"

if [ "$run_tests" -eq 1 ]; then
  echo "fresh-clone-check: npm test"
  unset WEIQUAN_FONT_DIRS WEIQUAN_HOME
  npm test
fi
echo "fresh-clone-check: passed"
