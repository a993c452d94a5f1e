#!/bin/sh
# Runs the General sensor as a container watching this host's Docker Engine.
# Add -c (CI/CD mode) after the image name for a CI runner. Parameters may also be given
# as the reference's Name=Value words, e.g. LogLevel=4 ConcurrentScan=2.
set -eu
: "${ACTIVATION_ID:?set ACTIVATION_ID}" "${CUSTOMER_ID:?set CUSTOMER_ID}" "${SERVER_URL:?set SERVER_URL}"
mkdir -p /usr/local/bulwark/sensor/data
exec docker run -d --restart on-failure --name bulwark-sensor \
  -v /var/run/docker.sock:/var/run/docker.sock:ro \
  -v /usr/local/bulwark/sensor/data:/usr/local/bulwark/sensor/data \
  -v /etc/bulwark:/etc/bulwark:ro \
  --cpus 0.5 --memory 512m \
  bulwark/sensor:latest \
  --activation-id "$ACTIVATION_ID" --customer-id "$CUSTOMER_ID" --server-url "$SERVER_URL" \
  --host-id-search-dir /etc/bulwark --log-level 3 --concurrent-scan 2 --cpu-usage-limit 20 \
  ${PROXY:+--proxy "$PROXY"} ${PROXY_CERT_FILE:+--proxy-cert-file "$PROXY_CERT_FILE"} "$@"
