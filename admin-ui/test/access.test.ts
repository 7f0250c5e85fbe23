import { describe, expect, it } from 'vitest';
import { OFFICER_ROLES } from '@motcua/common';
import { canAccess, menuResources } from '../src/providers/access.js';

describe('menuResources', () => {
  it('shows each role the resources it works with, in the order it needs them', () => {
    const rest = ['apologies', 'reports', 'procedures', 'calendar', 'agencies'];
    expect(menuResources(['receptionist'])).toEqual(['dossiers', 'tasks', ...rest]);
    expect(menuResources(['specialist'])).toEqual(['tasks', 'dossiers', ...rest]);
    expect(menuResources(['leader'])).toEqual(['dashboard', 'tasks', 'dossiers', ...rest]);
    expect(menuResources(['auditor'])).toEqual(['dossiers', 'dashboard', ...rest, 'trail']);
    expect(menuResources(['admin'])).toEqual([
      'dossiers',
      'tasks',
      'dashboard',
      ...rest,
      'accounts',
      'reconciliation',
      'trail',
    ]);
    expect(menuResources([])).toEqual([]);
  });
});

describe('canAccess', () => {
  it('lets only receptionists and admins receive dossiers', () => {
    expect(canAccess(['receptionist'], 'dossiers', 'create')).toBe(true);
    expect(canAccess(['admin'], 'dossiers', 'create')).toBe(true);
    expect(canAccess(['specialist', 'leader', 'auditor'], 'dossiers', 'create')).toBe(false);
  });

  it('shows the dossier history to auditors, leaders and admins only', () => {
    expect(['auditor', 'leader', 'admin'].every((role) => canAccess([role as 'admin'], 'dossiers', 'history'))).toBe(
      true,
    );
    expect(canAccess(['receptionist', 'specialist'], 'dossiers', 'history')).toBe(false);
  });

  it('lets every officer read the procedure catalogue but only admins edit a process', () => {
    for (const role of OFFICER_ROLES) {
      expect(canAccess([role], 'procedures', 'list')).toBe(true);
      expect(canAccess([role], 'processes', 'edit')).toBe(role === 'admin');
    }
  });

  it('keeps the process editor for admins and refuses unknown resources or actions', () => {
    expect(canAccess(['admin'], 'processes', 'edit')).toBe(true);
    expect(canAccess(['leader'], 'processes', 'edit')).toBe(false);
    expect(canAccess(['admin'], 'dossiers', 'delete')).toBe(false);
    expect(canAccess(['admin'], 'accounts', 'delete')).toBe(false);
    expect(canAccess(['admin'], 'unknown', 'list')).toBe(false);
  });

  it('keeps the accounts and the changes to agencies for admins, the agency directory and the own password for all', () => {
    for (const action of ['list', 'show', 'create', 'edit']) {
      expect(canAccess(['admin'], 'accounts', action)).toBe(true);
      expect(canAccess(['receptionist', 'specialist', 'leader', 'auditor'], 'accounts', action)).toBe(false);
    }
    expect(canAccess(['auditor'], 'agencies', 'list')).toBe(true);
    expect(canAccess(['leader'], 'agencies', 'edit')).toBe(false);
    expect(canAccess(['admin'], 'agencies', 'create')).toBe(true);
    expect(canAccess(['receptionist'], 'password', 'change')).toBe(true);
  });

  it('lets the dossier’s handler draft an apology and only the leader decide it', () => {
    expect(canAccess(['specialist'], 'dossiers', 'apologise')).toBe(true);
    expect(canAccess(['auditor'], 'dossiers', 'apologise')).toBe(false);
    expect(canAccess(['leader'], 'apologies', 'decide')).toBe(true);
    expect(canAccess(['specialist', 'admin', 'auditor'], 'apologies', 'decide')).toBe(false);
  });

  it('keeps the status change outside the flow for leaders and admins, the acceptance for the counter', () => {
    expect(canAccess(['leader'], 'dossiers', 'override')).toBe(true);
    expect(canAccess(['admin'], 'dossiers', 'override')).toBe(true);
    expect(canAccess(['specialist', 'receptionist', 'auditor'], 'dossiers', 'override')).toBe(false);
    expect(canAccess(['receptionist'], 'dossiers', 'accept')).toBe(true);
    expect(canAccess(['specialist'], 'dossiers', 'accept')).toBe(false);
  });

  it('lets every officer read the catalogue and the calendar but only admins change them', () => {
    for (const role of OFFICER_ROLES) {
      expect(canAccess([role], 'calendar', 'list')).toBe(true);
      expect(canAccess([role], 'calendar', 'create')).toBe(role === 'admin');
      expect(canAccess([role], 'procedures', 'edit')).toBe(role === 'admin');
    }
  });

  it('opens the dashboard to the oversight roles the server lets read it', () => {
    for (const role of OFFICER_ROLES) {
      expect(canAccess([role], 'dashboard', 'list')).toBe(role === 'leader' || role === 'auditor' || role === 'admin');
    }
  });

  it('lets only auditors and admins open the check of the trail, as the server lets them run it', () => {
    for (const role of OFFICER_ROLES) {
      const allowed = role === 'auditor' || role === 'admin';
      expect(canAccess([role], 'trail', 'list')).toBe(allowed);
      expect(canAccess([role], 'trail', 'verify')).toBe(allowed);
    }
  });

  it('shows apology counts to leaders, auditors and admins and the at-risk list to handlers', () => {
    expect(canAccess(['auditor'], 'reports', 'apologies')).toBe(true);
    expect(canAccess(['specialist'], 'reports', 'apologies')).toBe(false);
    expect(canAccess(['specialist'], 'reports', 'at_risk')).toBe(true);
    expect(canAccess(['auditor'], 'reports', 'at_risk')).toBe(false);
  });
});
