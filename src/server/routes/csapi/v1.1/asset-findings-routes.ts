/**
 * The per-asset routes images and containers share: `/{id}/software`, `/{id}/vuln` and
 * `/{id}/vuln/count`, each resolving the caller's id inside the customer's scope first.
 * While the asset's `scan_error` is set (it could not be (fully) checked), an empty list or
 * zero counts mean "unknown", not "clean": `vuln/count` then carries `scanError`, as the
 * lists and details do, and `vuln` a `bulwark-scan-error` header with the same reason.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../core/errors.js';
import {
  assetScanError,
  assetSoftware,
  assetVulnerabilities,
  assetVulnerabilityCount,
} from '../../../../db/repositories/asset-findings-repository.js';
import type { AssetType } from '../../../../db/schema.js';
import type { TenantScope } from '../../../../db/tenant.js';
import { scopeOf } from '../../../auth.js';
import { errorResponses, type IdParam, SeverityCounts } from '../../../schemas.js';
import { AssetSoftware, AssetVulnerability } from './images/image-schemas.js';

export const SCAN_ERROR_HEADER = 'bulwark-scan-error';

const AssetVulnerabilityCount = Type.Object({
  ...SeverityCounts.properties,
  scanError: Type.Optional(
    Type.String({ description: 'present when the asset could not be (fully) checked: counts are unknown' }),
  ),
});

export interface AssetRoutesOptions {
  /** `images` or `containers`: the path prefix, the OpenAPI tag. */
  resource: 'images' | 'containers';
  assetType: AssetType;
  param: ReturnType<typeof IdParam<string>>;
  paramName: string;
  /** The asset's UUID for the caller's id (UUID, short or full id), in the caller's scope. */
  find: (scope: TenantScope, ref: string) => Promise<string | null>;
}

export function assetFindingsRoutes(app: FastifyInstance, opts: AssetRoutesOptions): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const noun = opts.assetType === 'IMAGE' ? 'image' : 'container';
  const tags = [opts.resource];
  const base = `/${opts.resource}/:${opts.paramName}`;
  const resolve = async (scope: TenantScope, params: unknown): Promise<string> => {
    const ref = (params as Record<string, string>)[opts.paramName] ?? '';
    const uuid = await opts.find(scope, ref);
    if (!uuid) throw new BulwarkError('NOT_FOUND', `no ${noun} ${ref}`);
    return uuid;
  };
  typed.get(
    `${base}/software`,
    {
      schema: {
        tags,
        summary: `Software of ${noun === 'image' ? 'an' : 'a'} ${noun}`,
        params: opts.param,
        response: { 200: Type.Array(AssetSoftware), ...errorResponses },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      return assetSoftware(scope, await resolve(scope, req.params));
    },
  );
  typed.get(
    `${base}/vuln`,
    {
      schema: {
        tags,
        summary: `Vulnerabilities of ${noun === 'image' ? 'an' : 'a'} ${noun}`,
        description: `While the ${noun} could not be (fully) checked, the \`${SCAN_ERROR_HEADER}\` header says why: the list is then incomplete, not clean.`,
        params: opts.param,
        response: { 200: Type.Array(AssetVulnerability), ...errorResponses },
      },
    },
    async (req, reply) => {
      const scope = scopeOf(req);
      const uuid = await resolve(scope, req.params);
      const scanError = await assetScanError(scope, opts.assetType, uuid);
      // A header value is one line of visible ASCII.
      if (scanError !== null) reply.header(SCAN_ERROR_HEADER, scanError.replace(/[^\x20-\x7e]/g, '?'));
      return assetVulnerabilities(scope, uuid);
    },
  );
  typed.get(
    `${base}/vuln/count`,
    {
      schema: {
        tags,
        summary: `Vulnerability count of ${noun === 'image' ? 'an' : 'a'} ${noun}`,
        params: opts.param,
        response: { 200: AssetVulnerabilityCount, ...errorResponses },
      },
    },
    async (req) => {
      const scope = scopeOf(req);
      const uuid = await resolve(scope, req.params);
      const scanError = await assetScanError(scope, opts.assetType, uuid);
      const counts = await assetVulnerabilityCount(scope, uuid);
      return scanError === null ? counts : { ...counts, scanError };
    },
  );
}
