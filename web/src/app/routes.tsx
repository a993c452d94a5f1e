/** Every screen, each loaded on demand (the initial bundle is the shell and the login). */
import { lazy } from 'react';
import { Link, Navigate, type RouteObject } from 'react-router';
import type { Session } from '../lib/session';
import { Layout } from './layout';

const DashboardPage = lazy(() => import('../features/dashboard/components/dashboard-page'));
const ImagesList = lazy(() => import('../features/assets/components/images-list'));
const ImageDetails = lazy(() => import('../features/assets/components/image-details'));
const ContainersList = lazy(() => import('../features/assets/components/containers-list'));
const ContainerDetails = lazy(() => import('../features/assets/components/container-details'));
const VulnerabilitiesList = lazy(() => import('../features/vulnerabilities/components/vulnerabilities-list'));
const SoftwareList = lazy(() => import('../features/vulnerabilities/components/software-list'));
const EventsList = lazy(() => import('../features/events/components/events-list'));
const RegistriesList = lazy(() => import('../features/registries/components/registries-list'));
const RegistryForm = lazy(() => import('../features/registries/components/registry-form'));
const RegistryDetails = lazy(() => import('../features/registries/components/registry-details'));
const SensorsList = lazy(() => import('../features/sensors/components/sensors-list'));
const SettingsPage = lazy(() => import('../features/settings/components/settings-page'));
const TokensPage = lazy(() => import('../features/settings/components/tokens-page'));
const SensorConfigPage = lazy(() => import('../features/settings/components/sensor-config-page'));
const RetentionPage = lazy(() => import('../features/settings/components/retention-page'));
const UsersPage = lazy(() => import('../features/settings/components/users-page'));
const ActivationKeysPage = lazy(() => import('../features/settings/components/activation-keys-page'));

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </section>
  );
}

export function routes(session: Session): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout session={session} />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'assets/images', element: <ImagesList /> },
        { path: 'assets/images/:imageId', element: <ImageDetails /> },
        { path: 'assets/containers', element: <ContainersList /> },
        { path: 'assets/containers/:containerId', element: <ContainerDetails /> },
        { path: 'vulnerabilities', element: <VulnerabilitiesList /> },
        { path: 'software', element: <SoftwareList /> },
        { path: 'events', element: <EventsList /> },
        { path: 'registries', element: <RegistriesList /> },
        { path: 'registries/new', element: <RegistryForm /> },
        { path: 'registries/:registryId', element: <RegistryDetails /> },
        { path: 'sensors', element: <SensorsList /> },
        {
          path: 'settings',
          element: <SettingsPage />,
          children: [
            { index: true, element: <Navigate to="/settings/sensors" replace /> },
            { path: 'sensors', element: <SensorConfigPage /> },
            { path: 'retention', element: <RetentionPage /> },
            { path: 'users', element: <UsersPage /> },
            { path: 'activation-keys', element: <ActivationKeysPage /> },
          ],
        },
        { path: 'tokens', element: <TokensPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}
