import { ROLES, STEP_PROPERTIES, TASK_OUTCOMES, TOPICS, type Role, type TaskOutcome, type Topic } from '@motcua/common';
import { BUDGET_PATTERN } from '@motcua/common/calendar';

/**
 * The element templates (Camunda 7 element templates, bpmn-js-element-templates) for the step kinds
 * of our procedures, so an admin picks values instead of typing camunda:properties:
 * - an ISO step (user task): its order, budget and candidate group, and a decision step that adds
 *   the outcomes its officer chooses from;
 * - a service step (external task): the worker topic that runs it.
 * The XML they write is the shipped diagrams' (processes/*.bpmn): `camunda:property` entries `step`,
 * `budget`, `outcomes` (STEP_PROPERTIES, outcomes in TASK_OUTCOMES order), `camunda:candidateGroups`
 * `<role>:<agency>`, and `camunda:type="external"` with `camunda:topic`. The choices are built at
 * run time from the roles (common/src/roles.ts), the agencies the API lists and the topics the
 * workers subscribe (TOPICS), so a new agency, role or topic needs no edit here.
 */

/** The template ids, stable: a diagram is linked to its template by id (see ./templateLinks.ts). */
export const TEMPLATE_IDS = {
  isoStep: 'motcua.iso-step',
  decisionStep: 'motcua.iso-decision-step',
  serviceStep: 'motcua.service-step',
} as const;
export const TEMPLATE_VERSION = 1;

/** The agency part of a candidate group that stands for "the agency handling the dossier" (and a transfer's partner). */
export const AGENCY_EXPRESSIONS = ['${agencyCode}', '${partnerAgencyCode}'] as const;

/** An agency the API lists. */
export interface TemplateAgency {
  code: string;
  name: string;
}

/** A text of the UI by its i18n key (react-admin's translate), with %{name} arguments. */
export type Label = (key: string, options?: Record<string, unknown>) => string;

interface Choice {
  name: string;
  value: string;
}

/** One property of a Camunda 7 element template, as far as ours use them. */
export interface TemplateProperty {
  label?: string;
  description?: string;
  type: 'String' | 'Dropdown' | 'Hidden';
  value?: string;
  choices?: Choice[];
  binding: { type: 'property' | 'camunda:property'; name: string };
  constraints?: { notEmpty?: boolean; pattern?: { value: string; message: string } };
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  appliesTo: string[];
  properties: TemplateProperty[];
}

const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';
const key = (name: string) => `motcua.processes.designer.${name}`;

/** The outcome lists a decision step may offer: each set containing approve, in TASK_OUTCOMES order. */
export function outcomeLists(): TaskOutcome[][] {
  const others = TASK_OUTCOMES.filter((outcome) => outcome !== 'approve');
  const lists: TaskOutcome[][] = [];
  for (let mask = 0; mask < 2 ** others.length; mask += 1) {
    const chosen = new Set(others.filter((_outcome, index) => (mask >> index) & 1));
    lists.push(TASK_OUTCOMES.filter((outcome) => outcome === 'approve' || chosen.has(outcome)));
  }
  return lists.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

/** Every candidate group a step may go to: each role, in the handling agency, a transfer's partner or a listed agency. */
export function candidateGroupChoices(agencies: readonly TemplateAgency[], label: Label): Choice[] {
  const agencyOptions = [
    { part: AGENCY_EXPRESSIONS[0], name: label(key('agency_handling')) },
    { part: AGENCY_EXPRESSIONS[1], name: label(key('agency_partner')) },
    ...agencies.map((agency) => ({ part: agency.code, name: `${agency.name} (${agency.code})` })),
  ];
  return ROLES.flatMap((role: Role) =>
    agencyOptions.map(({ part, name }) => ({
      name: `${label(key(`roles.${role}`))} — ${name}`,
      value: `${role}:${part}`,
    })),
  );
}

function stepProperties(agencies: readonly TemplateAgency[], label: Label): TemplateProperty[] {
  return [
    {
      label: label(key('step')),
      description: label(key('step_hint')),
      type: 'String',
      binding: { type: 'camunda:property', name: STEP_PROPERTIES.step },
      constraints: { notEmpty: true, pattern: { value: '^[1-9][0-9]*$', message: label(key('step_invalid')) } },
    },
    {
      label: label(key('budget')),
      description: label(key('budget_hint')),
      type: 'String',
      binding: { type: 'camunda:property', name: STEP_PROPERTIES.budget },
      constraints: { notEmpty: true, pattern: { value: BUDGET_PATTERN.source, message: label(key('budget_invalid')) } },
    },
    {
      label: label(key('candidate_group')),
      description: label(key('candidate_group_hint')),
      type: 'Dropdown',
      value: `specialist:${AGENCY_EXPRESSIONS[0]}`,
      choices: candidateGroupChoices(agencies, label),
      binding: { type: 'property', name: 'camunda:candidateGroups' },
    },
  ];
}

/** The templates, with the UI's Vietnamese and the agencies listed now. */
export function buildElementTemplates(agencies: readonly TemplateAgency[], label: Label): ElementTemplate[] {
  const [step, budget, group] = stepProperties(agencies, label) as [
    TemplateProperty,
    TemplateProperty,
    TemplateProperty,
  ];
  const outcomes: TemplateProperty = {
    label: label(key('outcomes')),
    description: label(key('outcomes_hint')),
    type: 'Dropdown',
    value: 'approve,request_supplement,refuse',
    choices: outcomeLists().map((list) => ({
      name: list.map((outcome) => label(key(`outcome.${outcome}`))).join(', '),
      value: list.join(','),
    })),
    binding: { type: 'camunda:property', name: STEP_PROPERTIES.outcomes },
  };
  const topics: Topic[] = Object.values(TOPICS);
  return [
    {
      $schema: SCHEMA,
      id: TEMPLATE_IDS.isoStep,
      name: label(key('templates.iso_step')),
      description: label(key('templates.iso_step_hint')),
      version: TEMPLATE_VERSION,
      appliesTo: ['bpmn:UserTask'],
      properties: [step, budget, group],
    },
    {
      $schema: SCHEMA,
      id: TEMPLATE_IDS.decisionStep,
      name: label(key('templates.decision_step')),
      description: label(key('templates.decision_step_hint')),
      version: TEMPLATE_VERSION,
      appliesTo: ['bpmn:UserTask'],
      properties: [step, budget, outcomes, group],
    },
    {
      $schema: SCHEMA,
      id: TEMPLATE_IDS.serviceStep,
      name: label(key('templates.service_step')),
      description: label(key('templates.service_step_hint')),
      version: TEMPLATE_VERSION,
      appliesTo: ['bpmn:ServiceTask', 'bpmn:SendTask'],
      properties: [
        { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
        {
          label: label(key('topic')),
          description: label(key('topic_hint')),
          type: 'Dropdown',
          value: topics[0],
          choices: topics.map((topic) => ({ name: label(key(`topics.${topic}`)), value: topic })),
          binding: { type: 'property', name: 'camunda:topic' },
        },
      ],
    },
  ];
}
