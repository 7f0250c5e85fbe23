import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { describe, expect, it } from 'vitest';
import { ROLES, TASK_OUTCOMES, TOPICS } from '@motcua/common';
import { vi } from '../src/i18n/vi.js';
import {
  buildElementTemplates,
  outcomeLists,
  TEMPLATE_IDS,
  type ElementTemplate,
  type TemplateProperty,
} from '../src/processes/designer/elementTemplates.js';
import { processFromTemplate, TEMPLATE_KEY } from '../src/processes/designer/newProcess.js';
import { linkTemplates, stripTemplateLinks, templateOf } from '../src/processes/designer/templateLinks.js';

/**
 * The step templates against the diagrams we ship (processes/*.bpmn) and the designer's own
 * template (admin-ui/src/processes/templates): every step of them is drawn with a template, and
 * every value it holds is one the template offers or accepts, so the templates write what the
 * shipped diagrams hold, in the same form. Labels come from the Vietnamese catalogue.
 */
const PROCESSES_DIR = fileURLToPath(new URL('../../processes/', import.meta.url));
const TEMPLATE_FILE = fileURLToPath(new URL('../src/processes/templates/new-procedure.bpmn', import.meta.url));
const DIAGRAMS: [string, string][] = [
  ...readdirSync(PROCESSES_DIR)
    .filter((name) => name.endsWith('.bpmn'))
    .map((name): [string, string] => [name, readFileSync(`${PROCESSES_DIR}${name}`, 'utf8')]),
  ['templates/new-procedure.bpmn', readFileSync(TEMPLATE_FILE, 'utf8')],
];
const AGENCIES = [
  { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
  { code: '000.00.00.H41', name: 'UBND tỉnh Quảng Nam' },
];

/** A key of the Vietnamese catalogue; a missing key fails the test rather than showing the key. */
function vietnamese(key: string, options?: Record<string, unknown>): string {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], vi);
  if (typeof value !== 'string') throw new Error(`vi.ts has no text for ${key}`);
  return value.replace(/%\{(\w+)\}/g, (_whole, name: string) => String(options?.[name] ?? ''));
}

interface Element {
  $type: string;
  id: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  flowElements?: Element[];
  extensionElements?: { values?: { $type: string; values?: { name: string; value: string }[] }[] };
}

async function flowElementsOf(xml: string): Promise<Element[]> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const { rootElement } = await moddle.fromXML(xml);
  const walk = (elements: Element[] = []): Element[] =>
    elements.flatMap((element) => [element, ...walk(element.flowElements)]);
  return walk(
    (rootElement as unknown as { rootElements: Element[] }).rootElements.filter(
      (root) => root.$type === 'bpmn:Process',
    ),
  );
}

function stepProperties(element: Element): Map<string, string> {
  const properties = element.extensionElements?.values?.find((value) => value.$type === 'camunda:Properties');
  return new Map((properties?.values ?? []).map((entry) => [entry.name, entry.value]));
}

const templates = buildElementTemplates(AGENCIES, vietnamese);
const templateById = new Map(templates.map((template) => [template.id, template]));

/** Whether a template property accepts a value: one of its choices, or a match of its pattern. */
function accepts(property: TemplateProperty, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (property.choices) return property.choices.some((choice) => choice.value === value);
  if (property.type === 'Hidden') return property.value === value;
  const pattern = property.constraints?.pattern?.value;
  return pattern === undefined || new RegExp(pattern).test(value);
}

/** The value an element holds for a template property, read where the property's binding writes it. */
function valueFor(element: Element, property: TemplateProperty): string | undefined {
  if (property.binding.type === 'camunda:property') return stepProperties(element).get(property.binding.name);
  const value = element.get(property.binding.name);
  return typeof value === 'string' ? value : undefined;
}

describe('the step templates', () => {
  it.each(DIAGRAMS)('draw every step of %s with a template that offers what it holds', async (_name, xml) => {
    const elements = await flowElementsOf(xml);
    const steps = elements.filter((element) => templateOf(element));
    expect(steps.length).toBeGreaterThan(0);
    for (const element of elements) {
      const templateId = templateOf(element);
      // every user task with a step, and every external task, is drawn with a template
      if (element.$type === 'bpmn:UserTask' && stepProperties(element).has('step'))
        expect(templateId, element.id).toBeDefined();
      if (element.get('camunda:type') === 'external') expect(templateId, element.id).toBe(TEMPLATE_IDS.serviceStep);
      if (!templateId) continue;
      const template = templateById.get(templateId) as ElementTemplate;
      expect(template.appliesTo).toContain(element.$type);
      for (const property of template.properties) {
        expect(accepts(property, valueFor(element, property)), `${element.id}: ${property.binding.name}`).toBe(true);
      }
    }
  });

  it('offer every outcome list in the order the diagrams write it, approve always included', () => {
    const lists = outcomeLists();
    expect(lists).toHaveLength(2 ** (TASK_OUTCOMES.length - 1));
    for (const list of lists) {
      expect(list).toContain('approve');
      expect(list).toEqual(TASK_OUTCOMES.filter((outcome) => list.includes(outcome)));
    }
  });

  it('offer each role in the handling agency, a transfer’s partner and every agency listed, and every worker topic', () => {
    const group = templateById
      .get(TEMPLATE_IDS.isoStep)
      ?.properties.find((property) => property.binding.name === 'camunda:candidateGroups');
    const values = group?.choices?.map((choice) => choice.value) ?? [];
    for (const role of ROLES) {
      for (const agency of ['${agencyCode}', '${partnerAgencyCode}', ...AGENCIES.map((listed) => listed.code)]) {
        expect(values).toContain(`${role}:${agency}`);
      }
    }
    const topic = templateById
      .get(TEMPLATE_IDS.serviceStep)
      ?.properties.find((property) => property.binding.name === 'camunda:topic');
    expect(topic?.choices?.map((choice) => choice.value).sort()).toEqual(Object.values(TOPICS).sort());
    // each choice has a Vietnamese name (vietnamese() throws on a missing key)
    for (const template of templates)
      for (const property of template.properties)
        for (const choice of property.choices ?? []) expect(choice.name).not.toMatch(/motcua\./);
  });

  it('are linked on import and unlinked on save, so the saved XML keeps the shipped form', async () => {
    const [, xml] = DIAGRAMS[0] as [string, string];
    const elements = await flowElementsOf(xml);
    expect(linkTemplates(elements)).toBeGreaterThan(0);
    expect(elements.some((element) => element.get('camunda:modelerTemplate') === TEMPLATE_IDS.decisionStep)).toBe(true);
    const linked =
      '<bpmn:userTask id="a" camunda:modelerTemplate="motcua.iso-step" camunda:modelerTemplateVersion="1" name="A">';
    expect(stripTemplateLinks(linked)).toBe('<bpmn:userTask id="a" name="A">');
  });
});

describe('a new process from the template', () => {
  it('takes the key and the name the admin gives, everywhere the template named its own', async () => {
    const xml = processFromTemplate('cap-phep-quang-cao', 'Cấp phép "quảng cáo" & biển hiệu');
    expect(xml).not.toContain(TEMPLATE_KEY);
    expect(xml).toContain(
      '<bpmn:process id="cap-phep-quang-cao" name="Cấp phép &quot;quảng cáo&quot; &amp; biển hiệu"',
    );
    expect(xml).toContain('bpmnElement="cap-phep-quang-cao"');
    expect((await flowElementsOf(xml)).length).toBeGreaterThan(10);
  });

  it('refuses a key the API would refuse', () => {
    expect(() => processFromTemplate('có dấu', 'x')).toThrow(/not a process key/);
  });
});
