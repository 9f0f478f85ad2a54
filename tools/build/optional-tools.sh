#!/usr/bin/env bash
# What `./mvnw verify` could not run on this machine, told once at the end of the build.
#   optional-tools.sh reset                     start of the build: forget the last build's notes
#   optional-tools.sh unavailable <id> <message>  a part cannot run: with CI=true fail with the message,
#                                               otherwise note it for the report and succeed
#   optional-tools.sh report                    end of the build: print every note, and one command for all
# The browser journeys write their note from Java (io.ensemble.browser.BrowserRequirement) in the same form.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
notes="$root/target/optional-tools"

case "${1:-}" in
  reset)
    rm -rf "$notes"
    ;;
  unavailable)
    if [ "${CI:-}" = "true" ]; then
      echo "$3" >&2
      echo "(CI=true: nothing may be skipped)" >&2
      exit 1
    fi
    mkdir -p "$notes"
    printf '%s\n' "$3" > "$notes/$2.txt"
    echo "$2: not run, see the end of the build"
    ;;
  report)
    shopt -s nullglob
    files=("$notes"/*.txt)
    [ ${#files[@]} -gt 0 ] || exit 0
    packages=()
    echo
    echo "========================================================================================"
    echo "NOT RUN on this machine (optional system packages missing; with CI=true this fails):"
    for file in "${files[@]}"; do
      message=$(cat "$file")
      echo "  - $message"
      read -r -a more <<< "${message##*apt-get install -y }"
      packages+=("${more[@]}")
    done
    if [ ${#files[@]} -gt 1 ]; then
      echo "Everything at once: sudo apt-get install -y ${packages[*]}"
    fi
    echo "========================================================================================"
    echo
    ;;
  *)
    echo "usage: $0 reset | unavailable <id> <message> | report" >&2
    exit 2
    ;;
esac
