import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { CHANGE_PASSWORD_PATH, mustChangePassword } from './passwordSession.js';

/**
 * Sends an officer whose password is temporary to the change page from wherever they are: the
 * server refuses every other call of theirs (403 password_change_required) until they have chosen one.
 */
export function PasswordChangeGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (mustChangePassword() && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <>{children}</>;
}
