/** The frame around every screen: skip link, navigation, user menu (API tokens, log out). */
import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { Loading } from '../components/states';
import { deleteSession } from '../features/auth/api/delete-session';
import { type Session, writeSession } from '../lib/session';

const NAV = [
  ['/', 'Dashboard'],
  ['/assets/images', 'Images'],
  ['/assets/containers', 'Containers'],
  ['/vulnerabilities', 'Vulnerabilities'],
  ['/software', 'Software'],
  ['/events', 'Events'],
  ['/registries', 'Registries'],
  ['/sensors', 'Sensors'],
  ['/settings', 'Settings'],
] as const;

function UserMenu({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <div className="user-menu">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {session.username} ▾
      </button>
      {open && (
        <div role="menu" className="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              navigate('/tokens');
            }}
          >
            API tokens
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={async () => {
              try {
                await deleteSession();
              } finally {
                writeSession(null);
              }
            }}
          >
            Log out
          </button>
        </div>
      )}
    </div>
  );
}

export function Layout({ session }: { session: Session }) {
  const [navOpen, setNavOpen] = useState(false);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls="main-nav"
          onClick={() => setNavOpen(!navOpen)}
        >
          Menu
        </button>
        <span className="brand">Bulwark</span>
        <UserMenu session={session} />
      </header>
      <nav id="main-nav" aria-label="Main" className={navOpen ? 'open' : ''}>
        <ul>
          {NAV.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'} onClick={() => setNavOpen(false)}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
