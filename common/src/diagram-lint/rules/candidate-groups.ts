/**
 * motcua/candidate-groups: a task's candidate groups are `<role>:<agency>` with a role of the
 * system, and, when the rule is given the agencies the admin may name, an agency among them. A part
 * written as an expression (`specialist:${agencyCode}`) is filled in when a dossier runs, and
 * checked then by who may act on the dossier.
 */
import { ROLES } from '../../roles.js';
import { holdsExpression, splitCandidateGroup } from '../candidate-group.js';
import { inExecutableProcess, isA, label } from '../model.js';
import type { LintRule } from './rule.js';

export interface CandidateGroupsConfig {
  /** The roles a group may name; every role of the system by default. */
  roles?: readonly string[];
  /** The agency codes a group may name (the admin's agency and those below it); unchecked when absent. */
  agencyCodes?: readonly string[];
}

/** What is wrong with one candidate group, in Vietnamese. */
export function candidateGroupProblems(group: string, config: CandidateGroupsConfig = {}): string[] {
  const roles = config.roles ?? ROLES;
  const { role, agency } = splitCandidateGroup(group);
  if (agency === undefined) {
    return holdsExpression(group)
      ? []
      : [`nhóm xử lý "${group}" phải có dạng <vai trò>:<mã cơ quan>, ví dụ specialist:\${agencyCode}`];
  }
  const problems: string[] = [];
  if (!holdsExpression(role) && !roles.includes(role.trim())) {
    problems.push(`nhóm xử lý "${group}" nêu vai trò "${role.trim()}" không có trong hệ thống (${roles.join(', ')})`);
  }
  if (config.agencyCodes && !holdsExpression(agency) && !config.agencyCodes.includes(agency.trim())) {
    problems.push(
      `nhóm xử lý "${group}" nêu cơ quan "${agency.trim()}" không tồn tại hoặc ngoài phạm vi cơ quan của bạn`,
    );
  }
  return problems;
}

export default function candidateGroups(config?: CandidateGroupsConfig): LintRule {
  return {
    check(node, reporter) {
      if (!isA(node, 'bpmn:FlowElement') || !inExecutableProcess(node)) return;
      const groups = node.candidateGroups;
      if (typeof groups !== 'string') return;
      for (const group of groups
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')) {
        for (const problem of candidateGroupProblems(group, config)) {
          reporter.report(node.id ?? '', `Phần tử ${label(node)}: ${problem}`);
        }
      }
    },
  };
}
