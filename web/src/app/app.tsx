/** The root: the login screen without a session, the routed console with one. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page';
import { readSession, subscribeSession } from '../lib/session';
import { routes } from './routes';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: 1 } },
});

let cached = readSession();
function snapshot() {
  const next = readSession();
  if (next?.token !== cached?.token) cached = next;
  return cached;
}

export function App() {
  const session = useSyncExternalStore(subscribeSession, snapshot);
  // Another user may log in next in this tab: nothing cached may outlive the session.
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session]);
  const router = useMemo(() => (session ? createBrowserRouter(routes(session)) : null), [session]);
  if (!session || !router) return <LoginPage />;
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
