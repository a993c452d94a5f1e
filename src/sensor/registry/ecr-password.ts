/**
 * The password for an AWS registry of a job: a fresh ECR token from the job's key and
 * region (the server stores the key, never a token). Assuming a role (awsArn) would need
 * STS as well and is refused with a clear reason rather than tried with the wrong identity.
 */
import { BulwarkError } from '../../core/errors.js';
import { ecrCredentials } from '../../core/source/registry/ecr-auth.js';
import type { SensorRegistry } from '../../server/registry/registry-job-protocol.js';

/** `AWS_ENDPOINT_URL_ECR` is the SDK's own name for another ECR endpoint (a VPC endpoint). */
export async function ecrPassword(
  registry: SensorRegistry,
  endpoint = process.env.AWS_ENDPOINT_URL_ECR,
): Promise<string> {
  const region = registry.awsRegion ?? /\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(registry.uri)?.[1];
  if (!region) throw new BulwarkError('INPUT_INVALID', `AWS registry ${registry.uuid} names no region`);
  if (registry.awsArn && !registry.awsAccessKeyId)
    throw new BulwarkError(
      'INPUT_INVALID',
      `AWS registry ${registry.uuid}: assuming role ${registry.awsArn} is not supported by this sensor; give an access key`,
    );
  const creds = await ecrCredentials({
    region,
    ...(registry.awsAccessKeyId ? { accessKeyId: registry.awsAccessKeyId } : {}),
    ...(registry.awsSecretAccessKey ? { secretAccessKey: registry.awsSecretAccessKey } : {}),
    ...(endpoint ? { endpoint } : {}),
  });
  return creds.password;
}
