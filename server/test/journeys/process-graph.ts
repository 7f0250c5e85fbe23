/**
 * A procedure's diagram as the graph a dossier's process runs through: its flow nodes (start and end
 * events, user tasks with their steps, external service tasks with their topics, gateways, boundary
 * events) and its sequence flows with the conditions and listeners the engine applies when it takes
 * them. The journey tests enumerate the paths of a dossier from it (process-paths.ts), so a new or
 * changed diagram is walked as it is drawn, without a test change.
 *
 * Only the elements of the process itself are read: an embedded sub-process is a node like any other,
 * which the path enumeration refuses to enter, rather than a graph it would have to flatten.
 */
import { readProcessSteps, type ProcessStep } from '@motcua/common';
import { Parser } from '@motcua/common/xml/saxen';

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/** A flow node of the process, by its BPMN type without prefix (`userTask`, `exclusiveGateway`, …). */
export interface GraphNode {
  id: string;
  type: string;
  name: string;
  /** Ids of the sequence flows leaving the node, in document order (the order the engine tries them). */
  outgoing: string[];
  /** An external service task's topic. */
  topic?: string;
  /** A user task's candidate groups as written, e.g. `specialist:${agencyCode}`. */
  candidateGroups?: string;
  /** Whether a user task has a due date (camunda:dueDate): its leg is judged on the control sheet. */
  hasDueDate: boolean;
  /** A gateway's default flow. */
  defaultFlow?: string;
  /** A boundary event's task. */
  attachedTo?: string;
}

/** A sequence flow; `condition` is its condition expression's text, when it has one. */
export interface GraphFlow {
  id: string;
  source: string;
  target: string;
  condition?: string;
  /** Expressions of the execution listeners the engine runs when it takes the flow. */
  onTake: string[];
}

/** The process of a diagram as a graph, with the steps its elements' properties declare. */
export interface ProcessGraph {
  processKey: string;
  /** Flow nodes in document order. */
  nodes: Map<string, GraphNode>;
  flows: Map<string, GraphFlow>;
  steps: ProcessStep[];
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

function parseXml(xml: string): XmlNode {
  const parser = new Parser();
  parser.ns({ [BPMN_NAMESPACE]: 'bpmn', [CAMUNDA_NAMESPACE]: 'camunda' });
  const open: XmlNode[] = [];
  let root: XmlNode | undefined;
  let failure: string | undefined;
  parser.on('openTag', (name, getAttributes, decodeEntities, selfClosing) => {
    const attributes = Object.fromEntries(
      Object.entries(getAttributes()).map(([attribute, value]) => [attribute, decodeEntities(value)]),
    );
    const node: XmlNode = { name, attributes, children: [], text: '' };
    const parent = open.at(-1);
    if (parent) parent.children.push(node);
    else root ??= node;
    if (!selfClosing) open.push(node);
  });
  parser.on('closeTag', (_name, _decode, selfClosing) => {
    if (!selfClosing) open.pop();
  });
  parser.on('text', (raw, decodeEntities) => {
    const current = open.at(-1);
    if (current) current.text += decodeEntities(raw);
  });
  parser.on('cdata', (value) => {
    const current = open.at(-1);
    if (current) current.text += value;
  });
  parser.on('error', (error) => {
    failure ??= error.message;
    parser.stop();
  });
  parser.parse(xml.replace(/^\uFEFF/, ''));
  if (failure || !root) throw new Error(`the diagram is not well-formed XML: ${failure ?? 'no root element'}`);
  return root;
}

/** Children of a process that are not flow nodes (a data object or a group is one no flow reaches). */
const NOT_NODES = new Set([
  'bpmn:extensionElements',
  'bpmn:documentation',
  'bpmn:laneSet',
  'bpmn:textAnnotation',
  'bpmn:association',
]);

function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

function listenerExpressions(flow: XmlNode): string[] {
  return childrenNamed(flow, 'bpmn:extensionElements').flatMap((extensions) =>
    childrenNamed(extensions, 'camunda:executionListener')
      .filter((listener) => (listener.attributes.event ?? 'take') === 'take')
      .flatMap((listener) => (listener.attributes.expression ? [listener.attributes.expression] : [])),
  );
}

/**
 * The graph of the process `processKey` of a diagram (or of its only process): its nodes, its flows,
 * and its steps as readProcessSteps reads them.
 */
export function readProcessGraph(xml: string, processKey?: string): ProcessGraph {
  const definitions = parseXml(xml);
  const processes = childrenNamed(definitions, 'bpmn:process');
  const process =
    processKey === undefined
      ? processes.length === 1
        ? processes[0]
        : processes.find((candidate) => candidate.attributes.isExecutable === 'true')
      : processes.find((candidate) => candidate.attributes.id === processKey);
  if (!process?.attributes.id) throw new Error(`the diagram has no process ${processKey ?? 'to run'}`);

  const nodes = new Map<string, GraphNode>();
  const flows = new Map<string, GraphFlow>();
  for (const element of process.children) {
    const id = element.attributes.id;
    if (!id || !element.name.startsWith('bpmn:')) continue;
    if (element.name === 'bpmn:sequenceFlow') {
      const condition = childrenNamed(element, 'bpmn:conditionExpression')[0]?.text.trim();
      flows.set(id, {
        id,
        source: element.attributes.sourceRef ?? '',
        target: element.attributes.targetRef ?? '',
        ...(condition ? { condition } : {}),
        onTake: listenerExpressions(element),
      });
      continue;
    }
    if (NOT_NODES.has(element.name)) continue;
    const attributes = element.attributes;
    nodes.set(id, {
      id,
      type: element.name.slice('bpmn:'.length),
      name: attributes.name?.trim() || id,
      outgoing: [],
      ...(attributes['camunda:topic'] ? { topic: attributes['camunda:topic'] } : {}),
      ...(attributes['camunda:candidateGroups'] ? { candidateGroups: attributes['camunda:candidateGroups'] } : {}),
      hasDueDate: attributes['camunda:dueDate'] !== undefined,
      ...(attributes.default ? { defaultFlow: attributes.default } : {}),
      ...(attributes.attachedToRef ? { attachedTo: attributes.attachedToRef } : {}),
    });
  }
  // the engine tries a node's outgoing flows in the order the flows are written
  for (const flow of flows.values()) nodes.get(flow.source)?.outgoing.push(flow.id);
  return { processKey: process.attributes.id, nodes, flows, steps: readProcessSteps(xml, process.attributes.id) };
}

/**
 * The nodes only a boundary event leads to (the overdue reminders): they run on the legal clock, not
 * on an officer's choice, so they are on no path an officer walks.
 */
export function boundaryBranchNodes(graph: ProcessGraph): Set<string> {
  const reached = new Set<string>();
  const pending = [...graph.nodes.values()].filter((node) => node.attachedTo !== undefined).map((node) => node.id);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const flowId of graph.nodes.get(id)?.outgoing ?? []) pending.push(graph.flows.get(flowId)!.target);
  }
  return reached;
}
