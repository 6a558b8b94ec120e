#!/bin/sh
# A direct-routing real server: the VIP (the argument) on lo, then Nginx in the foreground.
set -eu
ip addr replace "$1/32" dev lo
exec nginx -g 'daemon off;'
