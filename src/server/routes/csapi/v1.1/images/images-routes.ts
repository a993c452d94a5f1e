/** `/csapi/v1.1/images`: list, details, association, software, vuln, vuln/count, delete. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  findImageUuid,
  imageAssociations,
  imageDetails,
  imagesWithActiveContainers,
  listImages,
  resolveImageUuids,
} from '../../../../../db/repositories/images-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import { qqlWhereLooked } from '../../../../qql-lookups.js';
import {
  DeleteRequest,
  DeletionJobAccepted,
  errorResponses,
  IdParam,
  ListQuerystring,
  PageOf,
} from '../../../../schemas.js';
import { assetFindingsRoutes } from '../asset-findings-routes.js';
import { requireTarget, startDeletion } from '../deletion.js';
import { Association, ImageDetails, ImageSummary } from './image-schemas.js';

const ImageParam = IdParam('imageId', 'image UUID, 12-hex image id or sha256');

async function imageUuid(scope: TenantScope, ref: string): Promise<string> {
  const uuid = await findImageUuid(scope, ref);
  if (!uuid) throw new BulwarkError('NOT_FOUND', `no image ${ref}`);
  return uuid;
}

export function imagesRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['images'];
    app.get(
      '/images',
      {
        schema: {
          tags,
          summary: 'List images',
          querystring: ListQuerystring,
          response: { 200: PageOf(ImageSummary), ...errorResponses },
        },
      },
      async (req) => listImages(scopeOf(req), await listQuery(req, 'images', deps, req.query)),
    );
    app.get(
      '/images/:imageId',
      {
        schema: {
          tags,
          summary: 'Image details',
          params: ImageParam,
          response: { 200: ImageDetails, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const details = await imageDetails(scope, await imageUuid(scope, req.params.imageId));
        if (!details) throw new BulwarkError('NOT_FOUND', `no image ${req.params.imageId}`);
        return details;
      },
    );
    app.get(
      '/images/:imageId/association',
      {
        schema: {
          tags,
          summary: 'Containers and hosts of an image',
          params: ImageParam,
          response: { 200: Association, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        return imageAssociations(scope, await imageUuid(scope, req.params.imageId));
      },
    );
    assetFindingsRoutes(plain, {
      resource: 'images',
      assetType: 'IMAGE',
      param: ImageParam,
      paramName: 'imageId',
      find: findImageUuid,
    });
    app.delete(
      '/images',
      {
        schema: {
          tags,
          summary: 'Delete images (as a job); images with active containers cannot be deleted',
          body: DeleteRequest('imageIds'),
          response: { 200: DeletionJobAccepted, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const ids = req.body.imageIds as string[] | undefined;
        requireTarget(req.body, ids, 'imageIds');
        const filter = req.body.filter
          ? await qqlWhereLooked(deps.db, 'images', req.body.filter, {
              dialect: deps.dialect,
              customerId: scope.customerId,
            })
          : undefined;
        const found = await resolveImageUuids(scope, {
          ...(ids ? { uuids: ids } : {}),
          ...(filter ? { filter } : {}),
        });
        const active = await imagesWithActiveContainers(scope, found);
        const refused = new Map(
          [...active].map((u) => [u, 'the image has active containers'] as [string, string]),
        );
        return { deletionJobId: await startDeletion(deps, scope, 'image', ids, { found, refused }) };
      },
    );
  };
}
