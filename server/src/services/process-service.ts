import { DIAGRAM_POLICY_RULES, diagramIssueCode, ROLES, type DiagramPolicyRule } from '@motcua/common';
import { holdsExpression, splitCandidateGroup } from '@motcua/common/diagram-lint';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import { ForbiddenError, InvalidFieldError, InvalidInputError, NotFoundError, type DomainIssue } from '@motcua/domain';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type {
  KeyOwnership,
  ProcessKeyOwner,
  ProcessOwnerRepository,
} from '../repositories/process-owner-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import type {
  MigrateDossiers,
  MigrationPreview,
  MigrationPreviewRequest,
  MigrationResult,
} from '@motcua/common';
import type {
  DeployedProcess,
  ProcessDraftAnswer,
  ProcessVersions,
  ProcessVersionXml,
  SaveProcessDraft,
} from '../schemas/processes.js';
import type { ProcessDesignRepository } from '../repositories/process-design-repository.js';
import type { DiagramValidationService } from './diagram-validation-service.js';
import { createProcessMigrations } from './process-migration.js';
import {
  BPMN_MODEL_NAMESPACE,
  candidateGroupsOf,
  checkBpmnPolicy,
  describeViolation,
  describeViolations,
  parseXml,
  XmlSyntaxError,
  type CandidateGroupUse,
  type PolicyViolation,
  type XmlElement,
} from './bpmn-policy.js';

/**
 * Deploying BPMN diagrams drawn by the admin and reading back the latest deployed diagram.
 *
 * A diagram is deployed only if it passes the BPMN policy (./bpmn-policy.ts: nothing in it may run
 * code on the engine, a task goes to candidate groups only), if its literal candidate groups
 * (`specialist:000.00.17.H41`) name a role and an agency inside the admin's subtree, and if it passes
 * our lint (./diagram-validation-service.ts: steps, budgets and the legal time, paths that end).
 *
 * Who may deploy a process key (mayDeploy): its owners are the agency of its ProcessOwner row and
 * the agencies of the procedures whose versions run it; an admin may deploy it when every owner is
 * the admin's agency or lies below it (so the admin of a commune cannot rewrite a workflow the
 * district, or another commune, runs), and a key nobody owns yet is claimed for the admin's agency.
 * Refused, the answer is 403: the admin named the key in the diagram, so its existence is no secret
 * to hide. The same right lets an admin name the key in a procedure version (`claimToRun`, called by
 * the procedure service), since that makes the procedure's agency one of the key's owners.
 * Reading a key's diagram (mayRead) needs one owner inside the admin's subtree (an agency may read
 * the workflow its procedures run, even one its province owns), or no owner; otherwise the answer is
 * the 404 of a key that is not deployed, so another agency's processes stay unseen. The route's guard
 * asks `authorizeRead` before anything else.
 * Every deployment, and every deployment refused for its owner, is written to the audit log with
 * the admin and the owners.
 */

/** How the engine's answer introduces the refusal of its own policy check (DiagramPolicyBpmnParse.REFUSAL). */
const ENGINE_REFUSAL = 'The diagram is not allowed on this engine: ';
/** The engine writes each violation `element "<id>": <reason> [<rule>]` and separates them with "; ". */
const ENGINE_VIOLATION_SEPARATOR = /(?<=\[[a-z_]+\]); /;
const ENGINE_VIOLATION = /^(?:element "([^"]*)": )?(.*) \[([a-z_]+)\]$/s;

/**
 * The violations the engine names when its own policy check refuses a diagram, read out of its
 * error message (the parse error line that carries them, before the " | resource …" suffix); empty
 * when the engine refused the diagram for another reason.
 */
export function violationsInEngineRefusal(message: string): PolicyViolation[] {
  const line = message.split('\n').find((candidate) => candidate.includes(ENGINE_REFUSAL));
  if (!line) return [];
  const refusal = line.slice(line.indexOf(ENGINE_REFUSAL) + ENGINE_REFUSAL.length);
  const suffix = refusal.lastIndexOf(' | resource ');
  return (suffix === -1 ? refusal : refusal.slice(0, suffix)).split(ENGINE_VIOLATION_SEPARATOR).flatMap((part) => {
    const [, elementId, reason = '', rule = ''] = ENGINE_VIOLATION.exec(part) ?? [];
    const known = (DIAGRAM_POLICY_RULES as readonly string[]).includes(rule);
    return known ? [{ elementId, rule: rule as DiagramPolicyRule, reason }] : [];
  });
}

/** The issue of one policy violation: body/xml, the rule's code, and the element for the UI's sentence. */
function violationIssue(violation: PolicyViolation): DomainIssue {
  return {
    path: 'body/xml',
    message: `is not allowed: ${describeViolation(violation)}`,
    code: diagramIssueCode(violation.rule),
    params: { element: violation.elementId ?? '' },
  };
}

/** A 400 for a refused diagram: one issue per violation, the first few in the message. */
function refusedDiagram(violations: readonly PolicyViolation[]) {
  return new InvalidInputError(
    `body/xml is not allowed: ${describeViolations(violations)}`,
    violations.map(violationIssue),
  );
}

/**
 * The one executable process in a BPMN document, or a message saying why there is none.
 * Like the engine, only a process with isExecutable="true" is executable: the engine deploys no
 * definition for a process without the attribute.
 */
export function findExecutableProcessId(definitions: XmlElement): { id: string } | { problem: string } {
  // the engine finds processes by local name, whatever their namespace
  const processes = definitions.children
    .filter((child) => child.localName === 'process')
    .map((process) => {
      const attribute = (name: string) =>
        process.attributes.find((candidate) => candidate.namespace === '' && candidate.localName === name)?.value;
      return { id: attribute('id'), executable: attribute('isExecutable')?.toLowerCase() === 'true' };
    });
  const executable = processes.filter((process) => process.executable);
  if (executable.length === 0) return { problem: 'contains no executable process (isExecutable="true")' };
  if (executable.length > 1) {
    const ids = executable.map((process) => process.id ?? '?').join(', ');
    return { problem: `contains ${executable.length} executable processes (${ids}); deploy exactly one` };
  }
  const id = executable[0]?.id;
  if (!id) return { problem: 'has an executable process without an id' };
  return { id };
}

/** What inspecting a diagram found: the key it deploys with its parsed document, or why it cannot be deployed. */
export type InspectedDiagram =
  { key: string; definitions: XmlElement } | { problem: string } | { violations: PolicyViolation[] };

/** The process key a diagram deploys, or why it may not be deployed (a problem's message follows "body/xml"). */
export function inspectDiagram(xml: string): InspectedDiagram {
  let definitions: XmlElement;
  try {
    definitions = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { problem: `cannot be read as XML: ${error.message}` };
    throw error;
  }
  if (definitions.namespace !== BPMN_MODEL_NAMESPACE || definitions.localName !== 'definitions') {
    return { problem: 'is not a BPMN 2.0 document (no bpmn:definitions element in the BPMN model namespace)' };
  }
  const found = findExecutableProcessId(definitions);
  if ('problem' in found) return found;
  const violations = checkBpmnPolicy(definitions);
  if (violations.length > 0) return { violations };
  return { key: found.id, definitions };
}

/**
 * Why the literal parts of the candidate groups a diagram names are wrong, as issues: a group is
 * `<role>:<agency code>`, its role one of ROLES and its agency one whose current code lies in
 * `scopeCodes` (the admin's subtree). Parts written as expressions (`specialist:${agencyCode}`)
 * are filled in when a dossier runs, and checked then by who may act on the dossier.
 */
export function candidateGroupIssues(
  uses: readonly CandidateGroupUse[],
  scopeCodes: ReadonlySet<string>,
): DomainIssue[] {
  return uses.flatMap(({ elementId, group }): DomainIssue[] => {
    const element = elementId ?? '';
    const where = elementId ? `element "${elementId}": ` : '';
    const { role, agency } = splitCandidateGroup(group);
    if (agency === undefined) {
      if (holdsExpression(group)) return [];
      return [
        {
          path: 'body/xml',
          message: `${where}candidate group "${group}" is not <role>:<agency code>, e.g. specialist:\${agencyCode}`,
          code: diagramIssueCode('group_role'),
          params: { element, group },
        },
      ];
    }
    const issues: DomainIssue[] = [];
    if (!holdsExpression(role) && !(ROLES as readonly string[]).includes(role.trim())) {
      issues.push({
        path: 'body/xml',
        message: `${where}candidate group "${group}" names no role of the system (${ROLES.join(', ')})`,
        code: diagramIssueCode('group_role'),
        params: { element, group },
      });
    }
    if (!holdsExpression(agency) && !scopeCodes.has(agency.trim())) {
      issues.push({
        path: 'body/xml',
        message: `${where}candidate group "${group}" names an agency that does not exist or lies outside your agency's subtree`,
        code: diagramIssueCode('group_agency'),
        params: { element, group },
      });
    }
    return issues;
  });
}

/** Whether an admin whose subtree is `scope` may deploy a key with these owners: every one lies in it. */
export function mayDeploy(owners: readonly ProcessKeyOwner[], scope: ReadonlySet<string>): boolean {
  return owners.every((owner) => scope.has(owner.agencyId));
}

/** Whether an admin whose subtree is `scope` may read a key's diagram: nobody owns it, or one owner lies in it. */
export function mayRead(owners: readonly ProcessKeyOwner[], scope: ReadonlySet<string>): boolean {
  return owners.length === 0 || owners.some((owner) => scope.has(owner.agencyId));
}

/** A process key whose diagram the caller may read: what `authorizeRead` answers and `latestXml` takes. */
export interface ReadableProcess {
  key: string;
}

/** A process key the caller may deploy or save a draft of: what `authorizeEdit` answers. */
export interface EditableProcess {
  key: string;
  editable: true;
}

export function createProcessService(deps: {
  audit: AuditRepository;
  engine: EngineClient;
  agencies: AgencyRepository;
  owners: ProcessOwnerRepository;
  designs: ProcessDesignRepository;
  /** Our lint, which a deployment must pass as the validation endpoint's answer would show. */
  lint: Pick<DiagramValidationService, 'enforceLint'>;
}) {
  const { audit, engine, agencies, owners, designs, lint } = deps;

  /** The ids of the caller's agency and of every agency below it. */
  async function scopeOf(caller: TokenPayload): Promise<Set<string>> {
    return new Set(await agencies.subtreeIds(caller.agencyCode));
  }

  /** The current codes of the agencies in a scope, for the candidate groups' agency parts. */
  async function scopeCodes(scope: ReadonlySet<string>): Promise<Set<string>> {
    const tree = await agencies.list();
    return new Set(tree.filter((agency) => scope.has(agency.id)).map((agency) => agency.code));
  }

  /** Deploys to the engine; a refusal by its parser is the admin's to fix, so it is a 400 naming body/xml. */
  async function deployToEngine(key: string, xml: string) {
    return engine
      .deploy({ name: key, source: 'motcua-admin', files: [{ fileName: `${key}.bpmn`, content: xml }] })
      .catch((error: unknown) => {
        if (error instanceof EngineError && error.status === 400) {
          const violations = violationsInEngineRefusal(error.message);
          if (violations.length > 0) throw refusedDiagram(violations);
          throw new InvalidFieldError(
            'body/xml',
            `was rejected by the engine: ${error.message.replace(/^.*?→ \d+: /, '')}`,
            'invalid_bpmn',
          );
        }
        throw error;
      });
  }

  const codesOf = (found: readonly ProcessKeyOwner[]) => found.map((owner) => owner.agencyCode);
  type DeploymentOutcome = { refused: ProcessKeyOwner[] } | { deployed: DeployedProcess };

  /** The caller's agency id; a token of an agency that no longer exists may deploy nothing. */
  async function ownAgencyId(caller: TokenPayload): Promise<string> {
    const own = await agencies.findByCode(caller.agencyCode);
    if (!own) throw new ForbiddenError(`your agency ${caller.agencyCode} no longer exists`);
    return own.id;
  }

  /** The key's owners inside a deployment's transaction, once a key nobody owned is claimed for `agencyId`. */
  async function ownersAfterClaim(ownership: KeyOwnership, agencyId: string, actor: string) {
    const found = await ownership.owners();
    if (found.length > 0) return { found, claimed: false };
    const claimed = await ownership.claim(agencyId, actor);
    return { found: await ownership.owners(), claimed };
  }

  /** See the service's claimToRun. */
  async function claimToRun(caller: TokenPayload, key: string): Promise<boolean> {
    const [scope, own] = await Promise.all([scopeOf(caller), ownAgencyId(caller)]);
    return owners.withOwnership(key, async (ownership) =>
      mayDeploy((await ownersAfterClaim(ownership, own, caller.sub)).found, scope),
    );
  }

  /** The key's saved draft, or null. */
  async function draftOf({ key }: ReadableProcess): Promise<ProcessDraftAnswer> {
    const draft = await designs.draft(key);
    if (!draft) return { key, draft: null };
    const { xml, comment, savedBy, savedAt } = draft;
    return { key, draft: { key, xml, comment, savedBy, savedAt: savedAt.toISOString() } };
  }

  const migrations = createProcessMigrations({ engine, designs, audit });

  return {
    async deploy(caller: TokenPayload, xml: string, comment?: string): Promise<DeployedProcess> {
      const inspected = inspectDiagram(xml);
      if ('problem' in inspected) throw new InvalidFieldError('body/xml', inspected.problem, 'invalid_bpmn');
      if ('violations' in inspected) throw refusedDiagram(inspected.violations);
      const { key, definitions } = inspected;

      const scope = await scopeOf(caller);
      const groupIssues = candidateGroupIssues(candidateGroupsOf(definitions), await scopeCodes(scope));
      if (groupIssues.length > 0) {
        throw new InvalidInputError(groupIssues.map((issue) => `body/xml ${issue.message}`).join('; '), groupIssues);
      }
      await lint.enforceLint(caller, key, xml);
      const own = await ownAgencyId(caller);

      const outcome = await owners.withOwnership(key, async (ownership): Promise<DeploymentOutcome> => {
        const { found, claimed } = await ownersAfterClaim(ownership, own, caller.sub);
        if (!mayDeploy(found, scope)) return { refused: found };

        const deployment = await deployToEngine(key, xml);
        // an unchanged diagram is not deployed again; its current version is the answer
        const definition =
          Object.values(deployment.deployedProcessDefinitions ?? {}).find((candidate) => candidate.key === key) ??
          (await engine.latestDefinition(key));
        await ownership.recordDeployment({
          definitionId: definition.id,
          version: definition.version,
          deploymentId: deployment.id,
          comment: comment || null,
          deployedBy: caller.sub,
        });
        await ownership.audit({
          actor: caller.sub,
          action: 'process.deploy',
          entity: 'process',
          entityId: definition.id,
          data: {
            key,
            version: definition.version,
            deploymentId: deployment.id,
            owners: codesOf(found),
            claimed,
            comment: comment ?? null,
          },
        });
        return { deployed: { id: definition.id, key: definition.key, version: definition.version } };
      });

      if ('refused' in outcome) {
        await audit.record({
          actor: caller.sub,
          action: 'process.deploy.refused',
          entity: 'process',
          entityId: key,
          data: { key, owners: codesOf(outcome.refused), agencyCode: caller.agencyCode },
        });
        throw new ForbiddenError(
          `process ${key} belongs to an agency outside yours: only an admin of the agency that owns it, or of one above it, may deploy it`,
        );
      }
      return outcome.deployed;
    },

    /**
     * Whether the caller may name `key` in a procedure version: the right to deploy it (mayDeploy),
     * a key nobody owns being claimed for the caller's agency as a deployment would. Naming a key
     * makes the procedure's agency one of its owners, so without this right an admin could read, or
     * block the deployments of, another agency's process. The claim is kept even if the version is
     * then refused for another reason: the admin could have claimed the key by deploying it.
     */
    claimToRun,

    /** The key, if the caller may read its diagram (mayRead); 404 as for a key not deployed otherwise. */
    async authorizeRead(caller: TokenPayload, key: string): Promise<ReadableProcess> {
      const [found, scope] = await Promise.all([owners.owners(key), scopeOf(caller)]);
      if (!mayRead(found, scope)) throw new NotFoundError(`process ${key} is not deployed`);
      return { key };
    },

    /** The latest deployed diagram of a key authorized by authorizeRead. */
    async latestXml({ key }: ReadableProcess): Promise<{ key: string; xml: string }> {
      try {
        const { bpmn20Xml } = await engine.latestDefinitionXml(key);
        return { key, xml: bpmn20Xml };
      } catch (error) {
        if (error instanceof EngineError && error.status === 404) {
          throw new NotFoundError(`process ${key} is not deployed`);
        }
        throw error;
      }
    },

    /**
     * The key, if the caller may deploy it (mayDeploy; a key nobody owns yet too, claimed only when a
     * draft is saved or a version deployed): 404 to a caller who may not read it (mayRead), 403 to
     * one who reads it but shares it with an agency outside their subtree.
     */
    async authorizeEdit(caller: TokenPayload, key: string): Promise<EditableProcess> {
      const [found, scope] = await Promise.all([owners.owners(key), scopeOf(caller)]);
      if (!mayRead(found, scope)) throw new NotFoundError(`process ${key} is not deployed`);
      if (!mayDeploy(found, scope)) {
        throw new ForbiddenError(`process ${key} is also run by an agency outside yours: an admin above it edits it`);
      }
      return { key, editable: true };
    },

    draftOf,

    /**
     * Saves the draft of a key without deploying it. The diagram must be BPMN whose one executable
     * process is the key; the deployment policy is not applied, as a draft is work in progress (the
     * editor's lint shows its problems). Saving claims a key nobody owns, as deploying would.
     */
    async saveDraft(
      caller: TokenPayload,
      { key }: EditableProcess,
      { xml, comment }: SaveProcessDraft,
    ): Promise<ProcessDraftAnswer> {
      let definitions: XmlElement;
      try {
        definitions = parseXml(xml);
      } catch (error) {
        if (error instanceof XmlSyntaxError) {
          throw new InvalidFieldError('body/xml', `cannot be read as XML: ${error.message}`, 'invalid_bpmn');
        }
        throw error;
      }
      const found = findExecutableProcessId(definitions);
      if ('problem' in found) throw new InvalidFieldError('body/xml', found.problem, 'invalid_bpmn');
      if (found.id !== key) {
        throw new InvalidFieldError(
          'body/xml',
          `defines the process "${found.id}", not "${key}": save it under its own key`,
          'invalid_bpmn',
        );
      }
      if (!(await claimToRun(caller, key))) {
        throw new ForbiddenError(`process ${key} belongs to an agency outside yours`);
      }
      await designs.saveDraft({ processKey: key, xml, comment: comment || null, savedBy: caller.sub });
      await audit.record({
        actor: caller.sub,
        action: 'process.draft.save',
        entity: 'process',
        entityId: key,
        data: { key, comment: comment ?? null },
      });
      return draftOf({ key });
    },

    /**
     * The deployed versions of a key, newest first, with who deployed each from the designer, when
     * and why, and the running dossiers on each; an empty list for a key never deployed.
     */
    async versions({ key }: ReadableProcess): Promise<ProcessVersions> {
      const [definitions, records] = await Promise.all([engine.definitionsOf(key), designs.deployments(key)]);
      const running = await designs.runningDossiers(definitions.map((definition) => definition.id));
      const recordOf = new Map(records.map((record) => [record.definitionId, record]));
      const versions = definitions
        .map((definition) => {
          const record = recordOf.get(definition.id);
          return {
            id: definition.id,
            version: definition.version,
            deployedBy: record?.deployedBy ?? null,
            deployedAt: record?.deployedAt.toISOString() ?? null,
            comment: record?.comment ?? null,
            runningDossiers: running.get(definition.id) ?? 0,
          };
        })
        .sort((a, b) => b.version - a.version);
      const runningOnOlderVersions = versions.slice(1).reduce((sum, version) => sum + version.runningDossiers, 0);
      return { key, versions, runningOnOlderVersions };
    },

    /** The diagram of one deployed version of a key; 404 for a version the key does not have. */
    async versionXml({ key }: ReadableProcess, version: number): Promise<ProcessVersionXml> {
      const definition = (await engine.definitionsOf(key)).find((candidate) => candidate.version === version);
      if (!definition) throw new NotFoundError(`process ${key} has no version ${version}`);
      const { bpmn20Xml } = await engine.definitionXml(definition.id);
      return { key, version, xml: bpmn20Xml };
    },

    /** Which running dossiers of an older version of a key authorized by authorizeEdit can move to a newer one (./process-migration.ts). */
    previewMigration({ key }: EditableProcess, request: MigrationPreviewRequest): Promise<MigrationPreview> {
      return migrations.previewMigration(key, request);
    },

    /** Moves the confirmed dossiers of a key authorized by authorizeEdit to the newer version (./process-migration.ts). */
    migrate(caller: TokenPayload, { key }: EditableProcess, request: MigrateDossiers): Promise<MigrationResult> {
      return migrations.migrate(caller, key, request);
    },
  };
}
export type ProcessService = ReturnType<typeof createProcessService>;
