/** Type declarations for the bpmn-io packages that ship plain JavaScript. */

declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';

  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  import type { ModuleDeclaration } from 'didi';

  const CamundaBehaviorsModule: ModuleDeclaration;
  export default CamundaBehaviorsModule;
}

declare module 'bpmn-js-element-templates' {
  import type { ModuleDeclaration } from 'didi';

  export const ElementTemplatesPropertiesProviderModule: ModuleDeclaration;
}

declare module '@bpmn-io/element-template-chooser' {
  import type { ModuleDeclaration } from 'didi';

  const ElementTemplateChooserModule: ModuleDeclaration;
  export default ElementTemplateChooserModule;
}

declare module 'bpmn-js-token-simulation/lib/modeler' {
  import type { ModuleDeclaration } from 'didi';

  const TokenSimulationModelerModule: ModuleDeclaration;
  export default TokenSimulationModelerModule;
}

declare module 'bpmn-js-differ' {
  /** What changed between two BPMN definitions, by element id (bpmn-js-differ's `diff`). */
  export interface DiffResult {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, { model: unknown; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, unknown>;
  }
  export function diff(oldDefinitions: unknown, newDefinitions: unknown): DiffResult;
}

declare module 'bpmn-moddle' {
  /** bpmn-moddle, which bpmn-js reads diagrams with; the admin UI's tests read the shipped diagrams with it. */
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}

declare module 'bpmn-js-bpmnlint' {
  import type { ModuleDeclaration } from 'didi';

  const LintModule: ModuleDeclaration;
  export default LintModule;
}
