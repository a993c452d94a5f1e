/**
 * Registry configuration rules (the reference's parameter table for POST /registry):
 * which registry types and credential types exist and which fields each needs. Pure, so
 * POST /registry/validate and POST/PUT /registry apply exactly the same checks.
 */
import type { RegistryInput } from '../../../../../db/repositories/registries-repository.js';
import { accountIdOfArn } from '../../../../../db/repositories/registries-repository.js';

export const REGISTRY_TYPES = ['AWS', 'DockerHub', 'V2', 'V2-Private'] as const;
export const CREDENTIAL_TYPES = ['None', 'Token', 'BasicAuth', 'DockerHub', 'AWS'] as const;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Every problem with the configuration; empty when it is valid. */
export function registryProblems(r: RegistryInput): string[] {
  const problems: string[] = [];
  let url: URL | null = null;
  try {
    url = new URL(r.registryUri);
  } catch {
    problems.push(`registryUri "${r.registryUri}" is not a URL`);
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push('registryUri must be http(s)');
  // Credentials in the URI would be stored and shown in clear.
  if (url && (url.username || url.password))
    problems.push('registryUri must not hold credentials: use username/password or token');
  const needs = (field: keyof RegistryInput, why: string) => {
    if (!r[field]) problems.push(`${field} is required ${why}`);
  };
  switch (r.credentialType) {
    case 'BasicAuth':
    case 'DockerHub':
      needs('username', `for credentialType ${r.credentialType}`);
      needs('password', `for credentialType ${r.credentialType}`);
      for (const f of ['username', 'password'] as const) {
        const v = r[f];
        if (v && !BASE64.test(v)) problems.push(`${f} must be base64-encoded`);
      }
      break;
    case 'Token':
      needs('token', 'for credentialType Token');
      break;
    case 'AWS':
      needs('aws', 'for credentialType AWS');
      if (r.registryType !== 'AWS') problems.push('credentialType AWS needs registryType AWS');
      break;
    default:
      if (r.username || r.password || r.token) problems.push('credentialType None takes no credentials');
  }
  if (r.registryType === 'AWS') {
    if (r.credentialType !== 'AWS') problems.push('registryType AWS needs credentialType AWS');
    if (r.aws) {
      const account = accountIdOfArn(r.aws.arn);
      if (!account) problems.push(`aws.arn "${r.aws.arn}" is not an IAM role ARN`);
      else if (account !== r.aws.accountId)
        problems.push('aws.accountId does not match the account in aws.arn');
      if (url && !url.hostname.startsWith(`${r.aws.accountId}.dkr.ecr.${r.aws.region}.`)) {
        problems.push('registryUri is not the ECR endpoint of aws.accountId in aws.region');
      }
    }
  }
  if (r.registryType === 'DockerHub' && r.credentialType === 'AWS')
    problems.push('DockerHub cannot use AWS credentials');
  return problems;
}
