/** A mutation that refreshes every cached API answer once it succeeds (settings are few and small). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

export function useSave<A, R>(fn: (arg: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['api'] }),
  });
}
