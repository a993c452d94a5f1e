/**
 * Settings: a section navigation (each section has its own URL, so a reload or a shared
 * link lands on it) around the current section.
 */
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Loading } from '../../../components/states';

const SECTIONS = [
  ['sensors', 'Sensor configuration'],
  ['retention', 'Data retention'],
  ['users', 'Users and roles'],
  ['activation-keys', 'Activation keys'],
] as const;

export default function SettingsPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Settings</h1>
      <nav aria-label="Settings sections" className="sub-nav">
        <ul className="sub-nav-list">
          {SECTIONS.map(([to, label]) => (
            <li key={to}>
              <NavLink className="sub-nav-link" to={`/settings/${to}`}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </section>
  );
}
