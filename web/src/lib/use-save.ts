/**
 * A write from the console: once it succeeds every cached API answer and list is refreshed
 * (writes are rare and the screens small, so precise invalidation would buy nothing).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';

export function useSave<A, R>(fn: (arg: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['api'] });
      await client.invalidateQueries({ queryKey: ['list'] });
    },
  });
}
