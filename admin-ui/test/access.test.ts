import { describe, expect, it } from 'vitest';
import { OFFICER_ROLES } from '@motcua/common';
import { canAccess, menuResources } from '../src/providers/access.js';

describe('menuResources', () => {
  it('shows each role the resources it works with, in the order it needs them', () => {
    expect(menuResources(['receptionist'])).toEqual(['dossiers', 'tasks', 'procedures']);
    expect(menuResources(['specialist'])).toEqual(['tasks', 'dossiers', 'procedures']);
    expect(menuResources(['leader'])).toEqual(['tasks', 'dossiers', 'procedures']);
    expect(menuResources(['auditor'])).toEqual(['dossiers', 'procedures']);
    expect(menuResources(['admin'])).toEqual(['dossiers', 'tasks', 'procedures']);
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
    expect(canAccess(['admin'], 'accounts', 'list')).toBe(false);
  });
});
