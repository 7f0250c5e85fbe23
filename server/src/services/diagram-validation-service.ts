import { DIAGRAM_LINT_ISSUE, diagramIssueCode, ROLES, type DiagramProblem } from '@motcua/common';
import {
  legalTimeOf,
  lintDefinitions,
  parseBpmn,
  policyProblemMessage,
  type DiagramLintContext,
} from '@motcua/common/diagram-lint';
import { InvalidFieldError, InvalidInputError, type DomainIssue } from '@motcua/domain';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ProcedureLegalTimeRepository } from '../repositories/procedure-legal-time-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import type { LegalClockService } from './legal-clock-service.js';
import { checkBpmnPolicy, parseXml, XmlSyntaxError } from './bpmn-policy.js';
import { findExecutableProcessId } from './process-service.js';

/** The rule that the step budgets add up to the procedure's legal time. */
const BUDGET_TOTAL = 'motcua/budget-total';

/**
 * The rules a diagram must pass to be deployed, checked without deploying (POST
 * /api/processes/validate) and by every deployment: the policy (./bpmn-policy.ts: nothing that runs
 * code) and our lint (@motcua/common/diagram-lint: steps and budgets, budgets adding up to the legal
 * time of the procedures that run the key, paths that end, allowed elements, candidate groups of
 * existing roles and of agencies in the admin's subtree), the rules the admin UI's editor shows as
 * the admin draws. Each problem names its element and says in Vietnamese what to change.
 */

/** The rule a problem of the whole document carries. */
const DOCUMENT_RULE = 'document';

const documentProblem = (message: string): DiagramProblem => ({ elementId: null, rule: DOCUMENT_RULE, message });

export function createDiagramValidationService(deps: {
  agencies: AgencyRepository;
  legalTimes: ProcedureLegalTimeRepository;
  legalClock: LegalClockService;
}) {
  const { agencies, legalTimes, legalClock } = deps;

  /** The current codes of the caller's agency and the agencies below it. */
  async function agencyCodesOf(caller: TokenPayload): Promise<string[]> {
    const [scope, tree] = await Promise.all([agencies.subtreeIds(caller.agencyCode), agencies.list()]);
    const ids = new Set(scope);
    return tree.filter((agency) => ids.has(agency.id)).map((agency) => agency.code);
  }

  /** One lint context per legal time of the procedures running `key` (one without, when none does). */
  async function contextsOf(caller: TokenPayload, key: string | undefined): Promise<DiagramLintContext[]> {
    const [agencyCodes, days] = await Promise.all([
      agencyCodesOf(caller),
      key === undefined ? Promise.resolve([]) : legalTimes.processingDaysOf(key),
    ]);
    const groups = { roles: ROLES, agencyCodes };
    if (days.length === 0) return [{ groups }];
    const clock = await legalClock.clock();
    const closing = { minutesPerDay: clock.minutesPerDay, closesAt: clock.calendar.officeHours.closesAt };
    return days.map((processingDays) => ({
      groups,
      legalTime: legalTimeOf(processingDays, { ...closing, afternoonCutoff: clock.afternoonCutoff }),
    }));
  }

  /**
   * The lint's problems over every context, each once; the diagram is read once. A key that several
   * procedures run with different legal times (a shared flow, or a procedure whose new version
   * changed its time) cannot add up to all of them: its budgets must add up to one, and only when
   * they match none is the total reported, against each.
   */
  async function lintProblems(caller: TokenPayload, key: string | undefined, xml: string): Promise<DiagramProblem[]> {
    const [contexts, { rootElement }] = await Promise.all([contextsOf(caller, key), parseBpmn(xml)]);
    const perContext = await Promise.all(contexts.map((context) => lintDefinitions(rootElement, context)));
    const totalMatchesOne = perContext.some((problems) => !problems.some((problem) => problem.rule === BUDGET_TOTAL));
    const found = new Map<string, DiagramProblem>();
    for (const problem of perContext.flat()) {
      if (problem.rule === BUDGET_TOTAL && totalMatchesOne) continue;
      found.set(`${problem.elementId ?? ''}\n${problem.rule}\n${problem.message}`, problem);
    }
    return [...found.values()];
  }

  return {
    /** Every problem of a diagram; none means deployment would accept it (the engine aside). */
    async validate(caller: TokenPayload, xml: string): Promise<{ problems: DiagramProblem[] }> {
      let definitions;
      try {
        definitions = parseXml(xml);
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error;
        return { problems: [documentProblem(`Không đọc được tài liệu XML: ${error.message}`)] };
      }
      const problems: DiagramProblem[] = [];
      const found = findExecutableProcessId(definitions);
      if ('problem' in found) {
        problems.push(
          documentProblem(
            `Sơ đồ phải có đúng một quy trình thực thi được (isExecutable="true"); tài liệu này ${found.problem}`,
          ),
        );
      }
      let linted: DiagramProblem[];
      try {
        linted = await lintProblems(caller, 'id' in found ? found.id : undefined, xml);
      } catch (error) {
        // bpmn-moddle refuses what is no BPMN 2.0 document
        return { problems: [...problems, documentProblem(`Không đọc được sơ đồ BPMN: ${(error as Error).message}`)] };
      }
      const refusedElements = new Set(
        linted.filter((problem) => problem.rule === 'motcua/allowed-elements').map((problem) => problem.elementId),
      );
      for (const violation of checkBpmnPolicy(definitions)) {
        // an element the lint already refused, with what to use instead, is not named twice
        if (violation.rule === 'element' && refusedElements.has(violation.elementId ?? null)) continue;
        problems.push({
          elementId: violation.elementId ?? null,
          rule: `policy/${violation.rule}`,
          message: policyProblemMessage(violation.rule, violation.elementId),
        });
      }
      return { problems: [...problems, ...linted] };
    },

    /**
     * Refuses a diagram of `key` that breaks our lint, with one issue per problem (400, body/xml,
     * issue code `diagram_lint`, the Vietnamese sentence in params.message). Deployment calls it
     * once the policy passed.
     */
    async enforceLint(caller: TokenPayload, key: string, xml: string): Promise<void> {
      const problems = await lintProblems(caller, key, xml).catch((error: unknown) => {
        // what bpmn-moddle cannot read, as the editor could not open it, is the admin's to fix
        throw new InvalidFieldError(
          'body/xml',
          `cannot be read as a BPMN diagram: ${(error as Error).message}`,
          'invalid_bpmn',
        );
      });
      if (problems.length === 0) return;
      const issues: DomainIssue[] = problems.map((problem) => ({
        path: 'body/xml',
        message: `breaks ${problem.rule}${problem.elementId ? ` at element "${problem.elementId}"` : ''}: ${problem.message}`,
        code: diagramIssueCode(DIAGRAM_LINT_ISSUE),
        params: { element: problem.elementId ?? '', rule: problem.rule, message: problem.message },
      }));
      throw new InvalidInputError(`body/xml ${issues.map((issue) => issue.message).join('; ')}`, issues);
    },
  };
}
export type DiagramValidationService = ReturnType<typeof createDiagramValidationService>;
