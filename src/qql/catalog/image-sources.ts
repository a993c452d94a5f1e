/** Where an image was seen (`source` in the API): one row per source in `image_sources`. */
import { col, type QqlColumn, type QqlTokenDef, tableAs } from './types.js';

export const IMAGE_SOURCES = ['GENERAL', 'REGISTRY', 'CICD'] as const;

export function imageSourceTokens(rootKey: QqlColumn): QqlTokenDef[] {
  return [
    {
      token: 'source',
      type: 'enum',
      values: IMAGE_SOURCES,
      description: 'where the image was seen: GENERAL (a host sensor), REGISTRY, CICD',
      column: col('image_sources', 'source', 'q_src'),
      via: {
        name: 'source',
        from: tableAs('image_sources', 'q_src'),
        childKey: col('image_sources', 'image_uuid', 'q_src'),
        rootKey,
        customer: col('image_sources', 'customer_id', 'q_src'),
      },
    },
  ];
}
