/**
 * Settings: ready-to-copy sensor install lines. The server-managed settings (inactive
 * windows, retention, scan interval, users and roles, activation keys) have no API yet;
 * the page says so instead of showing controls that would do nothing.
 */
export default function SettingsPage() {
  const origin = window.location.origin;
  const docker = `docker run -d --name bulwark-sensor -v /var/run/docker.sock:/var/run/docker.sock -v bulwark-sensor:/var/lib/bulwark bulwark sensor --server ${origin} --activation-id <ACTIVATION_ID> --customer-id <CUSTOMER_ID>`;
  const systemd = `bulwark sensor --server ${origin} --activation-id <ACTIVATION_ID> --customer-id <CUSTOMER_ID> --storage /var/lib/bulwark`;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <h2>Install a sensor</h2>
      <p>
        Activation ids are listed by the operator with <code>bulwark admin activation-ids list</code>.
      </p>
      <h3>Docker</h3>
      <pre className="copyable">{docker}</pre>
      <h3>systemd (ExecStart)</h3>
      <pre className="copyable">{systemd}</pre>
      <h2>Server-managed configuration</h2>
      <p className="notice" role="note">
        Inactive windows, retention rules, scan interval, users and roles are managed with{' '}
        <code>bulwark admin</code> in this version; the console shows them once the API exposes them.
      </p>
    </section>
  );
}
