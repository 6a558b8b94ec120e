#!/bin/sh
# Starts the agent. The lab's vrrp_script (conf/lab/lb0?.conf) passes while
# /run/hakeeper-lab/<node>/healthy exists: create it, as bin/lab does; remove it to fail the check.
set -eu
node="$(hostname)"
mkdir -p "/run/hakeeper-lab/$node"
touch "/run/hakeeper-lab/$node/healthy"
# bin/haagent finds no sources in the image, so it runs the jar as built.
exec /opt/hakeeper/bin/haagent "$@"
