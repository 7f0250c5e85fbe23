/**
 * The paths a dossier can take through a procedure's diagram, enumerated from its graph
 * (process-graph.ts) as the engine would route it, for the journey tests to walk over the API.
 *
 * At each user task an officer makes a choice: one of the outcomes the step offers (none when it
 * offers none) and, at the return step, one of the return methods of the API contract. The token then
 * runs as the engine runs it: an exclusive gateway takes its first flow whose condition holds on the
 * `outcome` variable, else its default flow; the listeners of a flow taken clear the variable; service
 * tasks (the workers) and joins are passed through, until the next user task or an end event.
 *
 * A choice that makes a gateway take a conditional flow (request a supplement, transfer, refuse, send
 * back) is a deviation; the others go forward along the default flows. Each deviation is taken at most
 * once on a path, so every loop (supplement → resume → back, transfer → back, send back) is walked
 * once. The paths kept cover every choice of every user task at least once, each with the fewest
 * deviations and steps (so the path goes forward before and after the choice it is there for), and,
 * among equals, the one covering most choices not yet covered: the return methods spread over the
 * paths that reach the return step.
 *
 * What a choice needs besides the outcome (supplement items, a refusal reason, a partner agency, a
 * postal tracking reference) is read from the API contract, CompleteTaskSchema: whatever it requires
 * for the choice is filled from the values the caller gives, by field name.
 */
import {
  CompleteTaskSchema,
  TOPICS,
  VARIABLES,
  type CompleteTask,
  type ResultDelivery,
  type TaskOutcome,
} from '@motcua/common';
import type { GraphFlow, GraphNode, ProcessGraph } from './process-graph.js';

/** An officer's choice on completing a user task. */
export interface PathChoice {
  outcome?: TaskOutcome;
  returnMethod?: ResultDelivery;
}

/** One user task of a path, and how the officer completes it. */
export interface PathStep {
  activityId: string;
  name: string;
  /** As written in the diagram, e.g. `specialist:${partnerAgencyCode}`. */
  candidateGroups: string;
  /** The task has a due date, so its leg on the control sheet is judged. */
  hasDueDate: boolean;
  /** The outcomes the step offers, in the diagram's order (none: it is just completed). */
  offered: TaskOutcome[];
  /** The topics of the service tasks (the workers' share) the token passed from the start to this step. */
  topicsBefore: string[];
  outcome?: TaskOutcome;
  returnMethod?: ResultDelivery;
  /** The body of POST /api/tasks/{id}/complete: the choice and every field the contract requires with it. */
  completion: CompleteTask;
}

/** A path from the start event to an end event. */
export interface ProcessPath {
  /** The path in words: `reception → appraisal: approve → … → return-result via post → result-returned`. */
  name: string;
  steps: PathStep[];
  /** Every flow node the token passes, the start and end events included, in order. */
  nodes: string[];
  endEvent: string;
  /** The topics of the service tasks passed (the workers' share), in order. */
  topics: string[];
}

/** Values for the fields the contract requires with a choice, by field name (e.g. `refusalReason`). */
export type PathValues = Readonly<Record<string, unknown>>;

/** More complete walks than this means a diagram whose loops the enumeration should not try to unroll. */
const MAX_WALKS = 20_000;

/** Nodes the token passes without anyone acting: the workers' service tasks, joins and decisions, plain tasks. */
const PASSED_THROUGH = new Set(['serviceTask', 'exclusiveGateway', 'task', 'manualTask']);

/** The return methods of the API contract. */
const RETURN_METHODS: readonly ResultDelivery[] = CompleteTaskSchema.shape.returnMethod.unwrap().options;

/** `${execution.getVariable('outcome') == 'x'}` or `${outcome != 'x'}`. */
const CONDITION = /^\$\{\s*(?:execution\.getVariable\(\s*'(\w+)'\s*\)|(\w+))\s*(==|!=)\s*'([^']*)'\s*\}$/;
const REMOVE_VARIABLE = /^\$\{\s*execution\.removeVariable\(\s*'(\w+)'\s*\)\s*\}$/;

interface Segment {
  /** The nodes entered, up to `stop`. */
  nodes: string[];
  /** The user task or end event reached. */
  stop: GraphNode;
  outcome: string | undefined;
  /** A gateway took a conditional flow on the way. */
  deviated: boolean;
}

interface Visit {
  task: GraphNode;
  choice: PathChoice;
  deviation: boolean;
}

interface Walk {
  visits: Visit[];
  nodes: string[];
  end: string;
}

function node(graph: ProcessGraph, id: string): GraphNode {
  const found = graph.nodes.get(id);
  if (!found) throw new Error(`${graph.processKey}: a flow leads to ${id}, which is not a flow node of the process`);
  return found;
}

/** Whether the engine takes the flow with this outcome: a condition on another variable is not ours to guess. */
function holds(graph: ProcessGraph, flow: GraphFlow, outcome: string | undefined): boolean {
  if (flow.condition === undefined) return true;
  const match = CONDITION.exec(flow.condition);
  const variable = match?.[1] ?? match?.[2];
  if (!match || variable !== VARIABLES.outcome) {
    throw new Error(`${graph.processKey}: flow ${flow.id} tests ${flow.condition}, not the outcome variable`);
  }
  // a bare ${outcome …} on a missing variable is an error in the engine, as it is here
  if (match[2] !== undefined && outcome === undefined) {
    throw new Error(`${graph.processKey}: flow ${flow.id} reads ${VARIABLES.outcome} when no outcome is set`);
  }
  return match[3] === '==' ? outcome === match[4] : outcome !== match[4];
}

/** The flow the token leaves a node by, and whether it is a conditional one of a decision. */
function leave(graph: ProcessGraph, from: GraphNode, outcome: string | undefined) {
  const flows = from.outgoing.map((id) => graph.flows.get(id)!);
  if (from.type === 'exclusiveGateway' && flows.length > 1) {
    const taken = flows.find((flow) => flow.id !== from.defaultFlow && holds(graph, flow, outcome));
    const flow = taken ?? flows.find((candidate) => candidate.id === from.defaultFlow);
    if (!flow)
      throw new Error(`${graph.processKey}: gateway ${from.id} has no flow for outcome ${outcome} and no default`);
    return { flow, conditional: taken !== undefined };
  }
  if (flows.length !== 1) {
    throw new Error(
      `${graph.processKey}: ${from.type} ${from.id} has ${flows.length} outgoing flows; the walker follows one`,
    );
  }
  return { flow: flows[0]!, conditional: false };
}

/** The outcome variable once the flow's listeners ran. */
function afterListeners(graph: ProcessGraph, flow: GraphFlow, outcome: string | undefined): string | undefined {
  let current = outcome;
  for (const expression of flow.onTake) {
    const removed = REMOVE_VARIABLE.exec(expression)?.[1];
    if (removed === undefined) throw new Error(`${graph.processKey}: flow ${flow.id} runs ${expression}`);
    if (removed === VARIABLES.outcome) current = undefined;
  }
  return current;
}

/** Runs the token from a node that has just completed to the next user task or end event. */
function advance(graph: ProcessGraph, from: GraphNode, outcome: string | undefined): Segment {
  const nodes: string[] = [];
  let current = from;
  let variable = outcome;
  let deviated = false;
  for (;;) {
    if (nodes.length > graph.nodes.size) {
      throw new Error(`${graph.processKey}: from ${from.id} the flows loop without reaching a user task or an end`);
    }
    const { flow, conditional } = leave(graph, current, variable);
    deviated ||= conditional;
    variable = afterListeners(graph, flow, variable);
    current = node(graph, flow.target);
    nodes.push(current.id);
    if (current.type === 'userTask' || current.type === 'endEvent') {
      return { nodes, stop: current, outcome: variable, deviated };
    }
    if (!PASSED_THROUGH.has(current.type)) {
      throw new Error(
        `${graph.processKey}: a path reaches ${current.type} ${current.id}, which the walker cannot pass`,
      );
    }
  }
}

/** Whether completing the task leads, without another user task, to the worker that records the return. */
function isReturnStep(graph: ProcessGraph, task: GraphNode): boolean {
  const seen = new Set<string>();
  const pending = task.outgoing.map((id) => graph.flows.get(id)!.target);
  while (pending.length > 0) {
    const next = node(graph, pending.pop()!);
    if (seen.has(next.id) || next.type === 'userTask' || next.type === 'endEvent') continue;
    seen.add(next.id);
    if (next.topic === TOPICS.recordReturned) return true;
    pending.push(...next.outgoing.map((id) => graph.flows.get(id)!.target));
  }
  return false;
}

/** The outcomes a user task offers, from its step's properties. */
function outcomesOf(graph: ProcessGraph, task: GraphNode): TaskOutcome[] {
  return graph.steps.find((step) => step.activityId === task.id)?.outcomes ?? [];
}

/** Every choice an officer has at a user task. */
function choicesOf(graph: ProcessGraph, task: GraphNode): PathChoice[] {
  const outcomes = outcomesOf(graph, task);
  const methods = isReturnStep(graph, task) ? RETURN_METHODS : [];
  const outcomeChoices: PathChoice[] = outcomes.length > 0 ? outcomes.map((outcome) => ({ outcome })) : [{}];
  return outcomeChoices.flatMap((choice) =>
    methods.length > 0 ? methods.map((returnMethod) => ({ ...choice, returnMethod })) : [choice],
  );
}

/** Every walk from the start to an end event in which no deviation is taken twice. */
function allWalks(graph: ProcessGraph): Walk[] {
  const starts = [...graph.nodes.values()].filter((candidate) => candidate.type === 'startEvent');
  if (starts.length !== 1) throw new Error(`${graph.processKey} has ${starts.length} start events, not one`);
  const start = starts[0]!;
  const walks: Walk[] = [];
  const explore = (
    segment: Segment,
    nodes: string[],
    visits: Visit[],
    deviations: ReadonlySet<string>,
    seen: ReadonlySet<string>,
  ) => {
    if (segment.stop.type === 'endEvent') {
      walks.push({ visits, nodes, end: segment.stop.id });
      if (walks.length > MAX_WALKS) throw new Error(`${graph.processKey} has more than ${MAX_WALKS} paths`);
      return;
    }
    const task = segment.stop;
    // back at a task with no new deviation taken: the default flows loop, and this walk never ends
    const arrival = `${task.id}#${deviations.size}`;
    if (seen.has(arrival)) return;
    for (const choice of choicesOf(graph, task)) {
      const next = advance(graph, task, choice.outcome ?? segment.outcome);
      const deviation = `${task.id}:${choice.outcome ?? ''}`;
      if (next.deviated && deviations.has(deviation)) continue;
      explore(
        next,
        [...nodes, ...next.nodes],
        [...visits, { task, choice, deviation: next.deviated }],
        next.deviated ? new Set([...deviations, deviation]) : deviations,
        new Set([...seen, arrival]),
      );
    }
  };
  const first = advance(graph, start, undefined);
  explore(first, [start.id, ...first.nodes], [], new Set(), new Set());
  return walks;
}

function choiceKey(taskId: string, choice: PathChoice): string {
  return `${taskId}|${choice.outcome ?? ''}|${choice.returnMethod ?? ''}`;
}

function describeChoice(choice: PathChoice): string {
  return [choice.outcome, choice.returnMethod && `via ${choice.returnMethod}`].filter(Boolean).join(' ') || 'complete';
}

/** The body completing a task with a choice: the choice, and what the contract requires with it from `values`. */
export function completionOf(activityId: string, choice: PathChoice, values: PathValues): CompleteTask {
  let body: Record<string, unknown> = { ...choice };
  for (;;) {
    const parsed = CompleteTaskSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    const required = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].filter(
      (field) => !(field in body),
    );
    const unknown = required.filter((field) => values[field] === undefined);
    if (required.length === 0 || unknown.length > 0) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
      throw new Error(
        `completing ${activityId} with ${JSON.stringify(body)}: ${issues} (no value for ${unknown.join(', ')})`,
      );
    }
    body = { ...body, ...Object.fromEntries(required.map((field) => [field, values[field]])) };
  }
}

/** The topics of the service tasks among `nodes`, in order. */
function topicsOf(graph: ProcessGraph, nodes: string[]): string[] {
  return nodes.flatMap((id) => {
    const topic = graph.nodes.get(id)?.topic;
    return topic ? [topic] : [];
  });
}

function toPath(graph: ProcessGraph, walk: Walk, values: PathValues): ProcessPath {
  // the nodes before each visit: the visits are the walk's user-task nodes, in order
  const arrivals = walk.nodes.flatMap((id, index) => (graph.nodes.get(id)?.type === 'userTask' ? [index] : []));
  const steps = walk.visits.map(({ task, choice }, index): PathStep => ({
    activityId: task.id,
    name: task.name,
    candidateGroups: task.candidateGroups ?? '',
    hasDueDate: task.hasDueDate,
    offered: outcomesOf(graph, task),
    topicsBefore: topicsOf(graph, walk.nodes.slice(0, arrivals[index])),
    ...choice,
    completion: completionOf(task.id, choice, values),
  }));
  const words = steps.map((step) => {
    const choice = describeChoice(step);
    return choice === 'complete' ? step.activityId : `${step.activityId}: ${choice}`;
  });
  return {
    name: ['reception', ...words, walk.end].join(' → '),
    steps,
    nodes: walk.nodes,
    endEvent: walk.end,
    topics: topicsOf(graph, walk.nodes),
  };
}

/**
 * The paths to walk through a procedure's diagram: together they take every choice of every user
 * task at least once, each loop at most once per path (see the module's header). `values` fill the
 * fields the API contract requires with a choice; a required field without a value is an error
 * naming it, so a new requirement of the contract cannot be walked past.
 */
export function enumeratePaths(graph: ProcessGraph, values: PathValues): ProcessPath[] {
  const walks = allWalks(graph);
  const tasks = [...graph.nodes.values()].filter((candidate) => candidate.type === 'userTask');
  const stepOrder = (task: GraphNode) =>
    graph.steps.find((step) => step.activityId === task.id)?.step ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...tasks].sort((a, b) => stepOrder(a) - stepOrder(b));
  const covered = new Set<string>();
  const chosen: Walk[] = [];
  const keysOf = (walk: Walk) => walk.visits.map((visit) => choiceKey(visit.task.id, visit.choice));
  const cost = (walk: Walk) => {
    const keys = keysOf(walk);
    return [
      walk.visits.filter((visit) => visit.deviation).length,
      walk.visits.length,
      -new Set(keys.filter((key) => !covered.has(key))).size,
    ];
  };
  const cheaper = (a: number[], b: number[]) => {
    const index = a.findIndex((value, position) => value !== b[position]);
    return index !== -1 && a[index]! < b[index]!;
  };
  for (const task of ordered) {
    for (const choice of choicesOf(graph, task)) {
      const key = choiceKey(task.id, choice);
      if (covered.has(key)) continue;
      let best: { walk: Walk; cost: number[] } | undefined;
      for (const walk of walks) {
        if (!keysOf(walk).includes(key)) continue;
        const walkCost = cost(walk);
        if (!best || cheaper(walkCost, best.cost)) best = { walk, cost: walkCost };
      }
      if (!best) {
        throw new Error(
          `${graph.processKey}: no path from the start to an end completes ${task.id} with ${describeChoice(choice)}`,
        );
      }
      chosen.push(best.walk);
      for (const taken of keysOf(best.walk)) covered.add(taken);
    }
  }
  return chosen.map((walk) => toPath(graph, walk, values));
}
