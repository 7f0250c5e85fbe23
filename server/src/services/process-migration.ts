import {
  MIGRATION_BATCH_MAX,
  readProcessSteps,
  stepDueVariable,
  type MigrateDossiers,
  type MigrationCandidate,
  type MigrationPreview,
  type MigrationPreviewRequest,
  type MigrationProblem,
  type MigrationResult,
} from '@motcua/common';
import {
  EngineError,
  type EngineClient,
  type EngineMigrationPlan,
  type EngineProcessDefinition,
} from '@motcua/common/engine';
import { ConflictError, InvalidFieldError } from '@motcua/domain';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type {
  MigratableDossier,
  MigrationVersion,
  ProcessDesignRepository,
} from '../repositories/process-design-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import { BPMN_MODEL_NAMESPACE, parseXml, type XmlElement } from './bpmn-policy.js';

/**
 * Moving the running dossiers of an older version of a process key onto a newer one, with the
 * engine's own migration (POST /migration/generate, /validate, /execute over REST).
 *
 * The plan is the engine's: every activity of the source that has a counterpart with the same id, of
 * the same kind and in the same place in the target, keeps its dossiers there; the engine's validation
 * drops what it refuses. A dossier can move when every activity it waits at is carried over and, when
 * its step deadlines were computed at reception (variable `dueAt`), the target adds no step whose
 * deadline `due_<step>` it lacks (compute-appointment sets one per step of the version the dossier was
 * received on; a step without it could not open). The others finish on their version. Each problem is
 * named per activity in a Vietnamese sentence for the admin.
 *
 * Moving runs the validated plan for the dossiers the admin confirmed, in one synchronous call that
 * the engine does all or nothing, after checking them again; each moved dossier then runs on the
 * target (Dossier.processDefinitionId, which its replay reads), its log records the change
 * (`process_migrated`), its open tasks take the names the target gives their steps and the work
 * list's rows follow, and the audit log keeps who moved
 * which dossiers. The caller's right over the key (the right to deploy it) is decided by the route's
 * guard before anything else.
 */

/** Elements where a running process can wait, so where a dossier can sit when it is moved. */
const WAIT_STATES = new Set([
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'task',
  'manualTask',
  'businessRuleTask',
  'scriptTask',
  'intermediateCatchEvent',
  'eventBasedGateway',
  'subProcess',
  'transaction',
  'callActivity',
]);

/** The variable compute-appointment sets with the appointment: the step deadlines were computed with it. */
const DEADLINES_COMPUTED = 'dueAt';

interface Activity {
  id: string;
  name: string;
  kind: string;
}

/** The flow elements of a deployed diagram's processes, by id. */
function activitiesOf(xml: string): Map<string, Activity> {
  const found = new Map<string, Activity>();
  const visit = (element: XmlElement) => {
    for (const child of element.children) {
      if (child.namespace !== BPMN_MODEL_NAMESPACE) continue;
      const attribute = (name: string) =>
        child.attributes.find((candidate) => candidate.namespace === '' && candidate.localName === name)?.value;
      const id = attribute('id');
      if (id) found.set(id, { id, name: attribute('name')?.trim() || id, kind: child.localName });
      visit(child);
    }
  };
  for (const process of parseXml(xml).children.filter((child) => child.localName === 'process')) visit(process);
  return found;
}

/** What the preview learned about two versions, which moving uses again. */
interface MigrationAnalysis {
  key: string;
  source: EngineProcessDefinition;
  target: EngineProcessDefinition;
  /** The engine's plan without the instructions its validation refused. */
  plan: EngineMigrationPlan;
  /** Per source activity that does not carry over, why. */
  problems: Map<string, MigrationProblem>;
  /** Target steps whose deadline a dossier received on the source was not given. */
  newSteps: { activity: Activity; variable: string }[];
}

const versionOf = (definition: EngineProcessDefinition): MigrationVersion => ({
  id: definition.id,
  version: definition.version,
});

export function createProcessMigrations(deps: {
  engine: EngineClient;
  designs: ProcessDesignRepository;
  audit: AuditRepository;
}) {
  const { engine, designs, audit } = deps;

  /** The two versions of a request: the source older than the target, the newest by default. */
  async function versionsOf(key: string, request: MigrationPreviewRequest) {
    const definitions = await engine.definitionsOf(key);
    const source = definitions.find((definition) => definition.version === request.sourceVersion);
    if (!source) {
      throw new InvalidFieldError('body/sourceVersion', `names no deployed version of process ${key}`, 'invalid');
    }
    const target =
      request.targetVersion === undefined
        ? definitions[0]
        : definitions.find((definition) => definition.version === request.targetVersion);
    if (!target) {
      throw new InvalidFieldError('body/targetVersion', `names no deployed version of process ${key}`, 'invalid');
    }
    if (target.version <= source.version) {
      throw new InvalidFieldError(
        request.targetVersion === undefined ? 'body/sourceVersion' : 'body/targetVersion',
        `must leave a newer version to move to (version ${source.version} → ${target.version})`,
        'invalid',
      );
    }
    return { source, target };
  }

  /** The plan between two versions, and per source activity why it does not carry over. */
  async function analyse(key: string, request: MigrationPreviewRequest): Promise<MigrationAnalysis> {
    const { source, target } = await versionsOf(key, request);
    const [sourceXml, targetXml, generated] = await Promise.all([
      engine.definitionXml(source.id),
      engine.definitionXml(target.id),
      engine.generateMigrationPlan(source.id, target.id),
    ]);
    const report = await engine.validateMigrationPlan(generated);
    const refused = report.instructionReports.filter((entry) => entry.failures.length > 0);
    const refusedSources = new Set(refused.flatMap((entry) => entry.instruction.sourceActivityIds));
    const plan: EngineMigrationPlan = {
      ...generated,
      instructions: generated.instructions.filter(
        (instruction) => !instruction.sourceActivityIds.some((id) => refusedSources.has(id)),
      ),
    };
    const mapped = new Set(plan.instructions.flatMap((instruction) => instruction.sourceActivityIds));
    const sourceActivities = activitiesOf(sourceXml.bpmn20Xml);
    const targetActivities = activitiesOf(targetXml.bpmn20Xml);

    const problems = new Map<string, MigrationProblem>();
    for (const { instruction, failures } of refused) {
      for (const activityId of instruction.sourceActivityIds) {
        const name = sourceActivities.get(activityId)?.name ?? activityId;
        problems.set(activityId, {
          activityId,
          name,
          rule: 'refused',
          message: `Bộ máy quy trình không chấp nhận chuyển bước «${name}» sang phiên bản ${target.version}: ${failures.join('; ')}`,
        });
      }
    }
    for (const activity of sourceActivities.values()) {
      if (!WAIT_STATES.has(activity.kind) || mapped.has(activity.id) || problems.has(activity.id)) continue;
      const removed = !targetActivities.has(activity.id);
      problems.set(activity.id, {
        activityId: activity.id,
        name: activity.name,
        rule: removed ? 'removed' : 'not_mapped',
        message: removed
          ? `Bước «${activity.name}» không còn trong phiên bản ${target.version}: hồ sơ đang ở bước này tiếp tục theo phiên bản ${source.version}.`
          : `Bước «${activity.name}» đổi loại phần tử hoặc vị trí trong phiên bản ${target.version}: hồ sơ đang ở bước này tiếp tục theo phiên bản ${source.version}.`,
      });
    }

    const sourceDeadlines = new Set(
      readProcessSteps(sourceXml.bpmn20Xml, key).map((step) => stepDueVariable(step.activityId)),
    );
    const newSteps = readProcessSteps(targetXml.bpmn20Xml, key).flatMap((step) => {
      const variable = stepDueVariable(step.activityId);
      const activity = targetActivities.get(step.activityId);
      return sourceDeadlines.has(variable) || !activity ? [] : [{ activity, variable }];
    });
    return { key, source, target, plan, problems, newSteps };
  }

  /**
   * The engine moves a task as it is, with the name the old version gave it: the open tasks of the
   * moved processes take the name the target gives their activity, so the work list shows it.
   */
  async function renameMovedTasks(processInstanceIds: readonly string[], target: EngineProcessDefinition) {
    const activities = activitiesOf((await engine.definitionXml(target.id)).bpmn20Xml);
    const tasks = await engine.queryTasks({ processInstanceIdIn: [...processInstanceIds] }, { maxResults: 10_000 });
    for (const task of tasks) {
      const name = activities.get(task.taskDefinitionKey)?.name;
      if (name && name !== task.name) await engine.setTaskName(task.id, name);
    }
  }

  /** The problem of a target step a dossier has no deadline for. */
  function missingDeadline(analysis: MigrationAnalysis, activity: Activity): MigrationProblem {
    return {
      activityId: activity.id,
      name: activity.name,
      rule: 'missing_deadline',
      message: `Bước mới «${activity.name}» của phiên bản ${analysis.target.version} cần hạn xử lý tính lúc tiếp nhận; hồ sơ đã tính hạn theo phiên bản ${analysis.source.version} không có hạn này.`,
    };
  }

  /** Whether each dossier can follow the plan, from where its process waits now; dossiers whose process is no longer on the source are left out. */
  async function candidatesOf(
    analysis: MigrationAnalysis,
    dossiers: readonly MigratableDossier[],
  ): Promise<MigrationCandidate[]> {
    if (dossiers.length === 0) return [];
    const occupied = (await engine.activityStatistics(analysis.source.id)).filter((entry) => entry.instances > 0);
    const waitingAt = new Map<string, string[]>();
    for (const { id: activityId } of occupied) {
      const instances = await engine.processInstancesAt(analysis.source.id, [activityId], { maxResults: 100_000 });
      for (const instance of instances) waitingAt.set(instance.id, [...(waitingAt.get(instance.id) ?? []), activityId]);
    }
    const onSource = dossiers.filter((dossier) => waitingAt.has(dossier.processInstanceId));

    const variables = new Map<string, Set<string>>();
    if (analysis.newSteps.length > 0 && onSource.length > 0) {
      const names = await engine.variableNames(
        onSource.map((dossier) => dossier.processInstanceId),
        'due%',
      );
      for (const { processInstanceId, name } of names) {
        variables.set(processInstanceId, (variables.get(processInstanceId) ?? new Set()).add(name));
      }
    }

    return onSource.map((dossier) => {
      const activityIds = waitingAt.get(dossier.processInstanceId) ?? [];
      const problems = activityIds.flatMap((id) => {
        const problem = analysis.problems.get(id);
        return problem ? [problem] : [];
      });
      const known = variables.get(dossier.processInstanceId) ?? new Set<string>();
      if (known.has(DEADLINES_COMPUTED)) {
        for (const { activity, variable } of analysis.newSteps) {
          if (!known.has(variable)) problems.push(missingDeadline(analysis, activity));
        }
      }
      return {
        dossierCode: dossier.code,
        processInstanceId: dossier.processInstanceId,
        activityIds,
        movable: problems.length === 0,
        problems,
      };
    });
  }

  return {
    /** Which running dossiers of the source version can move to the target, and why the others cannot. */
    async previewMigration(key: string, request: MigrationPreviewRequest): Promise<MigrationPreview> {
      const analysis = await analyse(key, request);
      const { dossiers, total } = await designs.runningDossiersOn(analysis.source.id, MIGRATION_BATCH_MAX);
      const candidates = await candidatesOf(analysis, dossiers);
      const problems = [...analysis.problems.values()];
      // a new step matters only to dossiers whose deadlines were computed: listed once it blocks one
      for (const { activity } of analysis.newSteps) {
        if (candidates.some((candidate) => candidate.problems.some((problem) => problem.activityId === activity.id))) {
          problems.push(missingDeadline(analysis, activity));
        }
      }
      return {
        key,
        source: versionOf(analysis.source),
        target: versionOf(analysis.target),
        problems,
        dossiers: candidates,
        runningDossiers: total,
      };
    },

    /**
     * Moves the confirmed dossiers to the target version. Every one must still be able to move, or
     * nothing moves (409 naming those that cannot): the admin confirmed a preview, and a dossier that
     * moved on since then is checked again.
     */
    async migrate(caller: TokenPayload, key: string, request: MigrateDossiers): Promise<MigrationResult> {
      const analysis = await analyse(key, request);
      const codes = [...new Set(request.dossierCodes)];
      const dossiers = await designs.runningDossiersByCode(analysis.source.id, codes);
      const candidates = await candidatesOf(analysis, dossiers);
      const movable = new Set(candidates.filter((candidate) => candidate.movable).map((candidate) => candidate.dossierCode));
      const refused = codes.filter((code) => !movable.has(code));
      if (refused.length > 0) {
        throw new ConflictError(
          `dossiers ${refused.join(', ')} cannot move from version ${analysis.source.version} to ${analysis.target.version} now: preview again`,
          { path: 'body/dossierCodes', code: 'invalid' },
        );
      }
      const moving = dossiers.filter((dossier) => movable.has(dossier.code));
      const instanceIds = moving.map((dossier) => dossier.processInstanceId);
      try {
        await engine.executeMigration(analysis.plan, instanceIds);
      } catch (error) {
        if (error instanceof EngineError && error.status === 400) {
          throw new ConflictError(`the engine refused the migration: ${error.message.replace(/^.*?→ \d+: /, '')}`, {
            path: 'body/dossierCodes',
            code: 'invalid',
          });
        }
        throw error;
      }
      const source = versionOf(analysis.source);
      const target = versionOf(analysis.target);
      await designs.recordMigration({ dossiers: moving, key, source, target, actor: caller.sub });
      await audit.record({
        actor: caller.sub,
        action: 'process.migrate',
        entity: 'process',
        entityId: target.id,
        data: {
          key,
          fromDefinitionId: source.id,
          fromVersion: source.version,
          toDefinitionId: target.id,
          toVersion: target.version,
          dossierCodes: moving.map((dossier) => dossier.code),
        },
      });
      await renameMovedTasks(instanceIds, analysis.target);
      await designs.projectMigratedTasks(engine, instanceIds);
      return { key, source, target, migrated: moving.map((dossier) => dossier.code) };
    },
  };
}
export type ProcessMigrations = ReturnType<typeof createProcessMigrations>;
