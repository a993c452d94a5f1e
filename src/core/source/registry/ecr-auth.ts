/**
 * Amazon ECR credentials through the AWS SDK's GetAuthorizationToken: ECR registries take
 * Basic auth as user `AWS` with a 12-hour token for password, and only the SDK's signed call
 * hands that token out. The SDK loads only when an ECR registry is scanned. Without an access
 * key the SDK's own chain applies (environment, shared config, instance or task role).
 */
import { BulwarkError } from '../../errors.js';

export interface EcrAuthOptions {
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Another ECR API endpoint (a VPC endpoint; tests point it at a loopback stand-in). */
  endpoint?: string;
  timeoutMs?: number;
}

export interface EcrCredentials {
  username: string;
  password: string;
  /** When ECR says the token stops working (epoch ms), if it says. */
  expiresAt: number | undefined;
  /** The registry URL the token is for, as ECR names it. */
  proxyEndpoint: string | undefined;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

export async function ecrCredentials(options: EcrAuthOptions): Promise<EcrCredentials> {
  if (!REGION.test(options.region))
    throw new BulwarkError('INPUT_INVALID', `"${options.region}" is not an AWS region (e.g. eu-west-1)`);
  if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined))
    throw new BulwarkError('INPUT_INVALID', 'an AWS access key needs both its id and its secret');
  const { ECRClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
  const client = new ECRClient({
    region: options.region,
    maxAttempts: 2,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId && options.secretAccessKey
      ? {
          credentials: {
            accessKeyId: options.accessKeyId,
            secretAccessKey: options.secretAccessKey,
            ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
          },
        }
      : {}),
  });
  const where = `AWS ECR GetAuthorizationToken in ${options.region}`;
  try {
    const answer = await client.send(new GetAuthorizationTokenCommand({}), {
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const data = answer.authorizationData?.[0];
    const decoded = data?.authorizationToken
      ? Buffer.from(data.authorizationToken, 'base64').toString('utf8')
      : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${where}: the answer holds no token`);
    return {
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      expiresAt: data?.expiresAt ? data.expiresAt.getTime() : undefined,
      proxyEndpoint: data?.proxyEndpoint,
    };
  } catch (err) {
    if (err instanceof BulwarkError) throw err;
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    // An HTTP answer is AWS refusing (bad key, no permission); none means it was not reached.
    throw new BulwarkError(
      status ? 'REGISTRY_AUTH' : 'SOURCE_UNAVAILABLE',
      `${where} failed: ${e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]}`,
      { cause: err },
    );
  } finally {
    client.destroy();
  }
}
