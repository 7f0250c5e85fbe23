import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AppBar } from './AppBar.js';
import { AppMenu } from './AppMenu.js';
import { PasswordChangeGate } from '../accounts/PasswordChangeGate.js';

/** react-admin's layout with our app bar and role-based menu; a temporary password leads to its change page first. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <PasswordChangeGate>
      <RaLayout appBar={AppBar} menu={AppMenu}>
        {children}
      </RaLayout>
    </PasswordChangeGate>
  );
}
