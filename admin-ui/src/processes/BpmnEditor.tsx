import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslate } from 'react-admin';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

/** What the page around the editor may ask of it. */
export interface BpmnEditorHandle {
  /** The diagram as currently edited, as BPMN 2.0 XML. */
  saveXml(): Promise<string>;
}

export interface BpmnEditorProps {
  /** The BPMN 2.0 XML to show; a new value replaces the diagram being edited. */
  xml: string;
  ref?: Ref<BpmnEditorHandle>;
}

/**
 * The BPMN process editor: a bpmn-js modeler with the Camunda 7 properties panel on the right.
 * The modeler is created on mount and destroyed on unmount; a new `xml` is imported into it.
 */
export default function BpmnEditor({ xml, ref }: BpmnEditorProps) {
  const translate = useTranslate();
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  useEffect(() => {
    const modeler = new Modeler({
      container: canvasRef.current ?? undefined,
      propertiesPanel: { parent: panelRef.current },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
      ],
      moddleExtensions: { camunda: camundaModdle },
    });
    modelerRef.current = modeler;
    return () => {
      modeler.destroy();
      modelerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    let current = true;
    modeler
      .importXML(xml)
      .then(() => {
        if (!current) return;
        setImportError(null);
        (modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
      })
      .catch((error: unknown) => {
        if (current) setImportError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
  }, [xml]);

  useImperativeHandle(
    ref,
    () => ({
      async saveXml() {
        const modeler = modelerRef.current;
        if (!modeler) throw new Error('the editor is not ready');
        const { xml: saved } = await modeler.saveXML({ format: true });
        if (!saved) throw new Error('the editor returned no XML');
        return saved;
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
          // The page's app bar and toolbar take about 130px; the diagram gets the rest of the window.
          height: 'calc(100vh - 130px)',
          minHeight: 480,
          bgcolor: 'background.paper',
        }}
      >
        <Box
          ref={canvasRef}
          role="region"
          aria-label={translate('motcua.processes.canvas')}
          sx={{ flex: 1, minWidth: 0, position: 'relative' }}
        />
        <Box
          ref={panelRef}
          role="complementary"
          aria-label={translate('motcua.processes.properties')}
          sx={{ width: 340, flexShrink: 0, borderLeft: 1, borderColor: 'divider', overflowY: 'auto' }}
        />
      </Box>
    </Box>
  );
}
