#!/usr/bin/env bash
# Proves what `./mvnw verify` does where Chromium or Node.js is missing (simulated by pointing ensemble.chromium
# and ensemble.node at paths that do not exist): without CI it passes and says once, at the end, what it did
# not run and the command that enables it; with CI=true the same message fails the build. Run by .ci/run after
# the real build, so that only the two parts in question run here.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
only_journeys=(-Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PartnerOnboardingJourneyIT)
browser_message="Browser journeys (*IT) need Chromium and chromedriver: /nonexistent/chromium is missing. Install them with: sudo apt-get install -y chromium chromium-driver"
lint_message="Model lint (bpmnlint) needs Node.js and npm: no node at '/nonexistent/node'. Install them with: sudo apt-get install -y nodejs npm"
failed=0

fail() {
  echo "FAILED: $1 (output: $2)" >&2
  cat "$2" >&2
  failed=1
}

occurrences() {
  grep -cF -- "$1" "$2" || true
}

echo "without CI, no Chromium and no Node.js: the build passes and says so once, at the end"
env -u CI ./mvnw -B -ntp -o verify "${only_journeys[@]}" \
  -Densemble.chromium=/nonexistent/chromium -Densemble.node=/nonexistent/node > "$log/local.txt" 2>&1 \
  || fail "the build failed" "$log/local.txt"
[ "$(occurrences "$browser_message" "$log/local.txt")" = 1 ] || fail "the browser message is not there once" "$log/local.txt"
[ "$(occurrences "$lint_message" "$log/local.txt")" = 1 ] || fail "the lint message is not there once" "$log/local.txt"
grep -qF "Everything at once: sudo apt-get install -y chromium chromium-driver nodejs npm" "$log/local.txt" \
  || fail "no single command for both" "$log/local.txt"
tail -n 15 "$log/local.txt" | grep -qF "NOT RUN on this machine" || fail "the report is not at the end" "$log/local.txt"

echo "CI=true, no Chromium: the build fails with the same message"
CI=true ./mvnw -B -ntp -o verify "${only_journeys[@]}" -Dmodel-lint.skip \
  -Densemble.chromium=/nonexistent/chromium > "$log/ci-browser.txt" 2>&1 \
  && fail "the build passed" "$log/ci-browser.txt"
grep -qF "$browser_message" "$log/ci-browser.txt" || fail "the browser message is missing" "$log/ci-browser.txt"

echo "CI=true, no Node.js: the build fails with the same message"
CI=true ./mvnw -B -ntp -o verify -DskipTests -Densemble.node=/nonexistent/node > "$log/ci-lint.txt" 2>&1 \
  && fail "the build passed" "$log/ci-lint.txt"
grep -qF "$lint_message" "$log/ci-lint.txt" || fail "the lint message is missing" "$log/ci-lint.txt"

[ "$failed" = 0 ] && echo "optional tools: skipped locally with one message, required on CI"
exit "$failed"
