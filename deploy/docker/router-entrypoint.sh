#!/bin/sh
# Starts nginx as the container's user with a resolver taken from the container's own
# /etc/resolv.conf, so that proxy_pass re-resolves service names at request time: Docker's embedded
# DNS is 127.0.0.11, podman's dnsname plugin answers on the network's gateway address, Kubernetes
# uses the cluster DNS. A restarted service with a new address is then found again (nginx would
# otherwise keep the address it resolved at start and answer 502/504 for ever).
# The services' addresses default to the compose service names; HITORFLOP_ROUTER_INGEST and
# HITORFLOP_ROUTER_RESULTS (host:port) name others, e.g. the Kubernetes Services in deploy/base.
set -eu
nameserver=$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)
[ -n "$nameserver" ] || { echo "router: no nameserver in /etc/resolv.conf" >&2; exit 1; }
case "$nameserver" in *:*) nameserver="[$nameserver]" ;; esac
mkdir -p /tmp/nginx
# valid=5s: how long an answer is kept; ipv6=off: the compose networks are IPv4 only
echo "resolver $nameserver valid=5s ipv6=off;" > /tmp/nginx/resolver.conf
ingest="${HITORFLOP_ROUTER_INGEST:-ingest:8080}"
results="${HITORFLOP_ROUTER_RESULTS:-results:8080}"
for address in "$ingest" "$results"; do
  # written into the configuration below: a host name and a port, nothing nginx could read as syntax
  case "$address" in
    *[!A-Za-z0-9.:-]* | :* | *: | *:*:*) echo "router: '$address' is not host:port" >&2; exit 1 ;;
    *:*) ;;
    *) echo "router: '$address' is not host:port" >&2; exit 1 ;;
  esac
done
sed -e "s/ ingest:8080;/ $ingest;/" -e "s/ results:8080;/ $results;/g" /etc/hitorflop/nginx.conf > /tmp/nginx/site.conf
# -e: nginx's compiled-in error log (/var/log/nginx) is not writable by this user
exec nginx -e stderr -c /etc/hitorflop/nginx-main.conf -g 'daemon off;'
