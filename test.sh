#!/usr/bin/env bash
# Runs every test: unit tests and *IT integration tests of every module, against local servers on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
