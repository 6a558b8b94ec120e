#!/usr/bin/env bash
# IPVS programming benchmark inside Debian's kernel under QEMU: 1,000 virtual services x 10 real
# servers from empty, then a 10 % change; hakeeper beside ipvsadm -R in the same VM. Needs root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/lab/setup-host.sh" test
exec ./mvnw -B -q -pl agent -am test -Dhakeeper.bench=true -Dtest=IpvsBenchmarkTest \
    -Dsurefire.failIfNoSpecifiedTests=false
