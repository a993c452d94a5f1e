/**
 * The sensor install commands for one activation key, matching deploy/sensor (docker-run.sh,
 * bulwark-sensor.service, the Helm chart): the same flags and BULWARK_SENSOR_* variables
 * the sensor reads, with the key, the CustomerId and this server's URL filled in.
 */
export interface InstallInput {
  activationId: string;
  customerId: string;
  serverUrl: string;
}

export function dockerRunLine({ activationId, customerId, serverUrl }: InstallInput): string {
  return [
    'docker run -d --restart on-failure --name bulwark-sensor',
    '-v /var/run/docker.sock:/var/run/docker.sock:ro',
    '-v /usr/local/bulwark/sensor/data:/usr/local/bulwark/sensor/data',
    '--cpus 0.5 --memory 512m bulwark/sensor:latest',
    `--activation-id ${activationId} --customer-id ${customerId} --server-url ${serverUrl}`,
  ].join(' \\\n  ');
}

export function systemdLines({ activationId, customerId, serverUrl }: InstallInput): string {
  return `sudo npm install -g bulwark
sudo tee /etc/default/bulwark-sensor >/dev/null <<'EOF'
BULWARK_SENSOR_ACTIVATION_ID=${activationId}
BULWARK_SENSOR_CUSTOMER_ID=${customerId}
BULWARK_SENSOR_SERVER_URL=${serverUrl}
EOF
sudo tee /etc/systemd/system/bulwark-sensor.service >/dev/null <<'EOF'
[Unit]
Description=Bulwark container sensor
After=docker.service network-online.target
Wants=network-online.target

[Service]
EnvironmentFile=/etc/default/bulwark-sensor
ExecStart=/usr/bin/env bulwark sensor --silent --storage /usr/local/bulwark/sensor/data
Restart=on-failure
RestartSec=5
CPUQuota=50%
MemoryMax=512M

[Install]
WantedBy=multi-user.target
EOF
sudo systemctl daemon-reload && sudo systemctl enable --now bulwark-sensor`;
}

export function helmLine({ activationId, customerId, serverUrl }: InstallInput): string {
  return [
    'helm upgrade --install bulwark-sensor ./deploy/sensor/helm/bulwark-sensor',
    '--namespace bulwark --create-namespace',
    `--set activationId=${activationId} --set customerId=${customerId}`,
    `--set serverUrl=${serverUrl}`,
  ].join(' \\\n  ');
}
