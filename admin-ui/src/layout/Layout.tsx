import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AppBar } from './AppBar.js';
import { AppMenu } from './AppMenu.js';

/** react-admin's layout with our app bar and role-based menu. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout appBar={AppBar} menu={AppMenu}>
      {children}
    </RaLayout>
  );
}
