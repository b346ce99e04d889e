#!/usr/bin/env bash
# Runs every test: unit tests and *IT integration tests of every module, against local servers on 127.0.0.1.
# Needs a JDK 17+; the Maven wrapper (./mvnw) fetches the Maven the project pins. Checks first what the build needs
# from outside the project, so that a missing piece stops it here, naming the command that supplies it.
set -euo pipefail
cd "$(dirname "$0")"

# The local stack's browser tests drive Debian's headless Chromium through its chromedriver, at these paths
# (local-stack/src/test/.../browser/Chrome.java); nothing is downloaded at test time.
chromium=/usr/bin/chromium
chromedriver=/usr/bin/chromedriver
if [ ! -x "$chromium" ] || [ ! -x "$chromedriver" ]; then
  if [ "$(id -u)" = 0 ] && [ "${CI:-}" = true ] && command -v apt-get >/dev/null 2>&1; then
    # As .ci/run does: CI runs as root on a fresh machine.
    echo "Installing Debian's chromium and chromium-driver for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium chromium-driver
  else
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo "
    echo "error: the browser tests need Debian's chromium and chromium-driver ($chromium, $chromedriver). Run:" >&2
    echo "  ${sudo}sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver'" >&2
    exit 1
  fi
fi

if [ ! -d ../shared/contracts ]; then
  echo "error: ../shared/contracts not found beside the project (the Twilio OpenAPI specs and AWS Lex V2 service models the tests read)" >&2
  exit 1
fi

exec ./mvnw -B -ntp verify "$@"
