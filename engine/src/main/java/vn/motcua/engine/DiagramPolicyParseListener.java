package vn.motcua.engine;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses a BPMN deployment that breaks the {@link DiagramPolicy}, whoever deploys it (the Node
 * server, or anyone holding the engine's REST credentials). It runs once the whole document is
 * parsed, before anything is deployed or executed; the engine reports its exception as a parse
 * error, so the REST API answers 400 with the reasons, and the deployment fails as a whole.
 * Deployments already in the database are parsed again when their definitions are loaded, so a
 * diagram deployed before this check existed cannot run code either.
 */
class DiagramPolicyParseListener extends AbstractBpmnParseListener {

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    List<DiagramPolicy.Violation> violations = DiagramPolicy.check(rootElement);
    if (violations.isEmpty()) {
      return;
    }
    String reasons = violations.stream().map(DiagramPolicy.Violation::toString).collect(Collectors.joining("; "));
    throw new BpmnParseException("The diagram is not allowed on this engine: " + reasons, violations.get(0).element());
  }
}
