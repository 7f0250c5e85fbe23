import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import LintModule from 'bpmn-js-bpmnlint';
import { diagramLintPlugin, type DiagramLintContext } from '@motcua/common/diagram-lint';
import TokenSimulationModule from 'bpmn-js-token-simulation/lib/modeler';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslate } from 'react-admin';
import type { ElementTemplate } from './designer/elementTemplates.js';
import { linkTemplates, stripTemplateLinks } from './designer/templateLinks.js';
import { VietnameseSimulationModule } from './designer/simulationTranslations.js';
import { VietnameseTranslateModule } from './designer/translateModule.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './lint-contrast.css';

/** What the page around the editor may ask of it. */
export interface BpmnEditorHandle {
  /** The diagram as currently edited, as BPMN 2.0 XML, without the editor's template links. */
  saveXml(): Promise<string>;
}

export interface BpmnEditorProps {
  /** The BPMN 2.0 XML to show; a new value replaces the diagram being edited. */
  xml: string;
  /** The element templates of our step kinds (./designer/elementTemplates.ts). */
  templates: readonly ElementTemplate[];
  /** Token simulation on: the diagram is played, not edited. */
  simulating: boolean;
  /** What our lint rules (common/src/diagram-lint, the deployment's own) check the diagram against, live. */
  lint: DiagramLintContext;
  ref?: Ref<BpmnEditorHandle>;
}

interface Canvas {
  zoom(level: 'fit-viewport', center: 'auto'): void;
  resized(): void;
}

/** The modeler's services the editor uses, typed once. */
function services(modeler: Modeler) {
  return {
    canvas: modeler.get<Canvas>('canvas'),
    elementTemplates: modeler.get<{ set(templates: readonly ElementTemplate[]): void }>('elementTemplates'),
    toggleMode: modeler.get<{ toggleMode(active: boolean): void }>('toggleMode'),
    linting: modeler.get<{ setLinterConfig(config: ReturnType<typeof diagramLintPlugin>): void }>('linting'),
    elementRegistry: modeler.get<{ getAll(): { businessObject?: Parameters<typeof linkTemplates>[0][number] }[] }>(
      'elementRegistry',
    ),
  };
}

/**
 * The BPMN designer: a bpmn-js modeler in Vietnamese with the Camunda 7 properties panel, our step
 * templates and token simulation. The modeler is created on mount and destroyed on unmount; a new
 * `xml` is imported into it and fitted to the view, as it is again whenever the view changes size.
 */
export default function BpmnEditor({ xml, templates, simulating, lint, ref }: BpmnEditorProps) {
  const translate = useTranslate();
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  useEffect(() => {
    const modeler = new Modeler({
      container: canvasRef.current ?? undefined,
      propertiesPanel: { parent: panelRef.current },
      // the context arrives with the agencies, after the modeler exists: the effect below sets it
      linting: { active: true, bpmnlint: diagramLintPlugin() },
      additionalModules: [
        VietnameseTranslateModule,
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        ElementTemplatesPropertiesProviderModule,
        ElementTemplateChooserModule,
        TokenSimulationModule,
        VietnameseSimulationModule,
        LintModule,
      ],
      moddleExtensions: { camunda: camundaModdle },
    });
    modelerRef.current = modeler;
    const { canvas } = services(modeler);
    // the page's layout (a drawer, the window) changes the canvas size: keep the whole diagram in view
    const observer = new ResizeObserver(() => {
      canvas.resized();
      canvas.zoom('fit-viewport', 'auto');
    });
    if (canvasRef.current) observer.observe(canvasRef.current);
    return () => {
      observer.disconnect();
      modeler.destroy();
      modelerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (modeler) services(modeler).elementTemplates.set(templates);
  }, [templates]);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (modeler) services(modeler).linting.setLinterConfig(diagramLintPlugin(lint));
  }, [lint]);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    let current = true;
    modeler
      .importXML(xml)
      .then(() => {
        if (!current) return;
        setImportError(null);
        const { canvas, elementRegistry } = services(modeler);
        linkTemplates(elementRegistry.getAll().flatMap((element) => element.businessObject ?? []));
        canvas.zoom('fit-viewport', 'auto');
      })
      .catch((error: unknown) => {
        if (current) setImportError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
  }, [xml]);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (modeler) services(modeler).toggleMode.toggleMode(simulating);
  }, [simulating]);

  useImperativeHandle(
    ref,
    () => ({
      async saveXml() {
        const modeler = modelerRef.current;
        if (!modeler) throw new Error('the editor is not ready');
        const { xml: saved } = await modeler.saveXML({ format: true });
        if (!saved) throw new Error('the editor returned no XML');
        return stripTemplateLinks(saved);
      },
    }),
    [],
  );

  return (
    <Box>
      {importError && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {translate('motcua.processes.import_error', { message: importError })}
        </Alert>
      )}
      <Box
        sx={{
          display: 'flex',
          flexDirection: { xs: 'column', md: 'row' },
          // The page's app bar and toolbar take about 130px; the diagram gets the rest of the window.
          height: { md: 'calc(100vh - 180px)' },
          minHeight: 480,
          bgcolor: 'background.paper',
          // our own switch turns the simulation on and off (in Vietnamese); the library's is hidden
          '& .bts-toggle-mode': { display: 'none' },
        }}
      >
        <Box
          ref={canvasRef}
          role="region"
          aria-label={translate('motcua.processes.canvas')}
          sx={{ flex: 1, minWidth: 0, minHeight: { xs: 420, md: 0 }, position: 'relative' }}
        />
        <Box
          ref={panelRef}
          role="complementary"
          aria-label={translate('motcua.processes.properties')}
          sx={{
            width: { xs: '100%', md: 340 },
            maxHeight: { xs: 480, md: 'none' },
            flexShrink: 0,
            borderLeft: { md: 1 },
            borderTop: { xs: 1, md: 0 },
            borderColor: 'divider',
            overflowY: 'auto',
          }}
        />
      </Box>
    </Box>
  );
}
