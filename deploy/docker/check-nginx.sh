#!/usr/bin/env bash
# Runs deploy/docker/nginx.conf with nginx on 127.0.0.1 (stand-in upstreams on free ports instead
# of the compose services) and checks what it refuses and how it answers. Needs nginx, python3, curl.
# Usage: deploy/docker/check-nginx.sh      (exit 0 when every check passes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
edge="$(free_port)" ingest="$(free_port)" results="$(free_port)"

cat > "$work/upstream.py" <<'PY'
import http.server, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(length)
        body = ('{"served-by":"%s"}' % sys.argv[2]).encode()
        self.send_response(202)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_HEAD = answer
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Echo).serve_forever()
PY
python3 "$work/upstream.py" "$ingest" ingest & pids+=($!)
python3 "$work/upstream.py" "$results" results & pids+=($!)

mkdir -p "$work/logs"
sed -e "s/ ingest:8080;/ 127.0.0.1:$ingest;/" -e "s/ results:8080;/ 127.0.0.1:$results;/g" \
    -e "s/listen 8080;/listen 127.0.0.1:$edge;/" "$here/nginx.conf" > "$work/site.conf"
cat > "$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $work/site.conf;
}
CONF
nginx -p "$work" -c "$work/nginx.conf" & pids+=($!)
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$edge/" && curl -s -o /dev/null "http://127.0.0.1:$results/" && break
  sleep 0.2
done

failures=0
# check METHOD PATH EXPECTED_STATUS EXPECTED_TEXT_IN_BODY
check() {
  local answer
  answer="$(curl -s --path-as-is -X "$1" -o "$work/body.out" -w '%{http_code} %{content_type}' \
    ${5:+-H "$5"} "http://127.0.0.1:$edge$2" || true) $(cat "$work/body.out" 2>/dev/null)"
  if [[ "$answer" == "$3 "* && "$answer" == *"$4"* ]]; then
    echo "ok    $1 ${2:0:40} -> ${answer:0:3}"
  else
    echo "FAIL  $1 ${2:0:40} -> ${answer:0:200} (wanted $3 with $4)"; failures=$((failures + 1))
  fi
}
check GET /v1/jobs 202 '"served-by":"results"'
check POST /v1/jobs 202 '"served-by":"ingest"'
check GET /v1/jobs/abc 202 '"served-by":"results"'
check DELETE /v1/jobs/abc 405 method-not-allowed
for path in '/%2e/v1/jobs' '/v1/%2e%2e/v1/jobs' '/v1%2fjobs' '/v1%5cjobs' '/v1\jobs' '/%252e%252e/v1/jobs' \
            '/v1;x=y/jobs' '//v1/jobs' '/v1//jobs' '/v1/./jobs' '/v1/../v1/jobs' '/v1./jobs' \
            '/q/results/..%2fv1/jobs' '/q/ingest/%2e%2e/v1/jobs'; do
  check GET "$path" 400 'problems/'
done
check GET '/%2E%2E/v1/jobs' 400 'problems/bad-request'
check GET /q/metrics 404 problems/not-found
check GET /q/health 404 problems/not-found
check GET "/v1/jobs/$(printf 'a%.0s' $(seq 9000))" 414 problems/uri-too-long
check GET /v1/jobs 431 problems/headers-too-large "X-Pad: $(printf 'a%.0s' $(seq 20000))"

raw() {
  python3 - "$edge" "$1" <<'PY'
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
s.sendall(sys.argv[2].encode().decode('unicode_escape').encode('latin1'))
out = b''
while True:
    data = s.recv(65536)
    if not data:
        break
    out += data
print(out.decode('latin1').split('\r\n')[0], out.decode('latin1').split('\r\n\r\n', 1)[-1][:90])
PY
}
for framing in 'Transfer-Encoding: xchunked\r\nContent-Length: 5' 'Transfer-Encoding: xchunked'; do
  answer="$(raw "POST /v1/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$framing\r\n\r\n5\r\nhello\r\n0\r\n\r\n")"
  [[ "$answer" == "HTTP/1.1 400"*invalid-transfer-encoding* ]] && echo "ok    $framing -> 400" \
    || { echo "FAIL  $framing -> $answer"; failures=$((failures + 1)); }
done
answer="$(raw 'POST /v1/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\n\r\n')"
[[ "$answer" == "HTTP/1.1 202"* ]] && echo "ok    chunk extension -> 202" \
  || { echo "FAIL  chunk extension -> $answer"; failures=$((failures + 1)); }

kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
check GET /v1/jobs/abc 502 problems/bad-gateway
echo "$failures failure(s)"
exit $((failures > 0))
