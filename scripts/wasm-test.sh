#!/usr/bin/env bash
# Runs the wasm-bindgen-test suite (tests/wasm.rs) with wasm-pack and fails unless tests really
# ran: `wasm-pack test --chrome` exits 0 when it skips everything, and without
# WASM_BINDGEN_USE_BROWSER=1 the browser flags still run the suite in Node. So a run with
# --chrome or --firefox must also say it ran in that browser.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# A browser driver that is slow to start on a loaded machine is killed by the runner ("driver
# failed to bind port during startup") before any test runs: that is no verdict, so try once more.
for attempt in 1 2; do
  wasm-pack test "$@" -- --test wasm 2>&1 | tee "$log" || true
  grep -q "driver failed to bind port during startup" "$log" || break
  echo "wasm-test: the browser driver did not start (attempt $attempt); trying again" >&2
done
passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then
  echo "wasm-test: no test ran with: wasm-pack test $*" >&2
  exit 1
fi
for browser in chrome:Chrome firefox:Firefox; do
  flag=${browser%%:*} name=${browser#*:}
  if [[ " $* " == *" --$flag "* ]] && ! grep -q "tests in $name on " "$log"; then
    echo "wasm-test: the tests did not run in $name (is WASM_BINDGEN_USE_BROWSER=1 set?): wasm-pack test $*" >&2
    exit 1
  fi
done
echo "wasm-test: $passed tests passed ($*)"
