/** DELETE /csapi/v1.1/images {imageIds} — a deletion job; images with active containers are refused. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest } from '../../../lib/api-client';
import { runDeletion } from '../../../lib/deletion-job';

export const deleteImagesRequest = (ids: string[]): ApiRequest => ({
  method: 'DELETE',
  path: '/csapi/v1.1/images',
  body: { imageIds: ids },
});

export function useDeleteImages() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => runDeletion(deleteImagesRequest(ids)),
    onSettled: () => client.invalidateQueries({ queryKey: ['list'] }),
  });
}
