/**
 * Registries → New registry: type, URL and credentials (the reference's registry and
 * credential types), "Validate" before "Create". User name and password are typed in
 * clear and sent base64-encoded, as the API expects.
 */
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EquivalentRequest } from '../../../components/equivalent-request';
import {
  type CredentialType,
  REGISTRY_TYPES,
  type RegistryInput,
  type RegistryType,
  useCreateRegistry,
  useValidateRegistry,
} from '../api/registry-api';

/** Which credential types make sense for each registry type (the server checks the same rules). */
const CREDENTIALS_FOR: Record<RegistryType, CredentialType[]> = {
  V2: ['None', 'BasicAuth', 'Token'],
  'V2-Private': ['BasicAuth', 'Token'],
  DockerHub: ['None', 'DockerHub', 'Token'],
  AWS: ['AWS'],
};

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

interface Draft {
  registryUri: string;
  registryType: RegistryType;
  credentialType: CredentialType;
  username: string;
  password: string;
  token: string;
  dockerHubOrgName: string;
  accountId: string;
  arn: string;
  region: string;
}

export function toInput(d: Draft): RegistryInput {
  const out: RegistryInput = {
    registryUri: d.registryUri.trim(),
    registryType: d.registryType,
    credentialType: d.credentialType,
  };
  if (d.credentialType === 'BasicAuth' || d.credentialType === 'DockerHub') {
    out.username = base64(d.username);
    out.password = base64(d.password);
  }
  if (d.credentialType === 'Token') out.token = d.token;
  if (d.registryType === 'DockerHub' && d.dockerHubOrgName) out.dockerHubOrgName = d.dockerHubOrgName;
  if (d.credentialType === 'AWS') out.aws = { accountId: d.accountId, arn: d.arn, region: d.region };
  return out;
}

function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  placeholder?: string;
  autoComplete?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        required
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export default function RegistryForm() {
  const navigate = useNavigate();
  const ids = useId();
  const validate = useValidateRegistry();
  const create = useCreateRegistry();
  const [d, setD] = useState<Draft>({
    registryUri: '',
    registryType: 'V2',
    credentialType: 'None',
    username: '',
    password: '',
    token: '',
    dockerHubOrgName: '',
    accountId: '',
    arn: '',
    region: '',
  });
  const set = (patch: Partial<Draft>) => {
    validate.reset();
    setD({ ...d, ...patch });
  };
  const allowed = CREDENTIALS_FOR[d.registryType];
  const input = toInput(d);
  const shown = { ...input, ...(input.password ? { password: '<base64 password>' } : {}) };
  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/registries">Registries</Link> /
      </p>
      <h1 id="page-title">New registry</h1>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(input, {
            onSuccess: (r) => navigate(`/registries/${r.registryUuid}`),
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-type`}>Registry type</label>
          <select
            id={`${ids}-type`}
            value={d.registryType}
            onChange={(e) => {
              const registryType = e.target.value as RegistryType;
              const credentialType = CREDENTIALS_FOR[registryType][0] ?? 'None';
              set({ registryType, credentialType });
            }}
          >
            {REGISTRY_TYPES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Registry URL"
          value={d.registryUri}
          onChange={(registryUri) => set({ registryUri })}
          placeholder="https://registry.example.com"
          type="url"
        />
        <div className="field">
          <label htmlFor={`${ids}-cred`}>Credential type</label>
          <select
            id={`${ids}-cred`}
            value={d.credentialType}
            onChange={(e) => set({ credentialType: e.target.value as CredentialType })}
          >
            {allowed.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        {(d.credentialType === 'BasicAuth' || d.credentialType === 'DockerHub') && (
          <>
            <Field
              label="User name"
              value={d.username}
              onChange={(username) => set({ username })}
              autoComplete="off"
            />
            <Field
              label="Password"
              type="password"
              value={d.password}
              onChange={(password) => set({ password })}
              autoComplete="new-password"
            />
          </>
        )}
        {d.credentialType === 'Token' && (
          <Field
            label="Token"
            type="password"
            value={d.token}
            onChange={(token) => set({ token })}
            autoComplete="off"
          />
        )}
        {d.registryType === 'DockerHub' && (
          <label>
            Docker Hub organisation (optional){' '}
            <input value={d.dockerHubOrgName} onChange={(e) => set({ dockerHubOrgName: e.target.value })} />
          </label>
        )}
        {d.credentialType === 'AWS' && (
          <>
            <Field label="AWS account id" value={d.accountId} onChange={(accountId) => set({ accountId })} />
            <Field
              label="IAM role ARN"
              value={d.arn}
              onChange={(arn) => set({ arn })}
              placeholder="arn:aws:iam::123456789012:role/bulwark"
            />
            <Field
              label="AWS region"
              value={d.region}
              onChange={(region) => set({ region })}
              placeholder="us-east-2"
            />
          </>
        )}
        <div className="form-buttons">
          <button type="button" disabled={validate.isPending} onClick={() => validate.mutate(input)}>
            Validate
          </button>
          <button type="submit" disabled={create.isPending}>
            Create registry
          </button>
        </div>
        {validate.isPending && <p role="status">Validating…</p>}
        {validate.data?.valid && (
          <p role="status" className="status-pill ok">
            The configuration is valid.
          </p>
        )}
        {validate.data && !validate.data.valid && (
          <ul role="alert" className="form-problems">
            {validate.data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        {validate.error && <p role="alert">{validate.error.message}</p>}
        {create.error && <p role="alert">{create.error.message}</p>}
      </form>
      <EquivalentRequest request={{ method: 'POST', path: '/csapi/v1.1/registry', body: shown }} />
    </section>
  );
}
