package vn.motcua.engine;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;

/**
 * The engine's BPMN parse, with the {@link DiagramPolicy} checked first: once the XML is read and
 * before any element is interpreted, whoever deploys (the Node server, or anyone holding the
 * engine's REST credentials). It has to come that early: while the engine interprets the elements
 * it already loads and instantiates some classes a diagram names (a camunda:formHandlerClass on a
 * start event or a user task), so a parse listener, which hears of the document only after that,
 * would come too late. The refusal becomes a parse error: the REST API answers 400 with the
 * violations, each written {@code element "<id>": <reason> [<rule>]}, and nothing is deployed.
 * Deployments already in the database are parsed again when their definitions are loaded, so a
 * diagram deployed before this check existed cannot run code either.
 */
class DiagramPolicyBpmnParse extends BpmnParse {

  /** What the engine's answer says before the violations; the server looks for it. */
  static final String REFUSAL = "The diagram is not allowed on this engine: ";

  DiagramPolicyBpmnParse(BpmnParser parser) {
    super(parser);
  }

  @Override
  protected void parseRootElement() {
    List<DiagramPolicy.Violation> violations = DiagramPolicy.check(rootElement);
    if (!violations.isEmpty()) {
      String reasons = violations.stream().map(DiagramPolicy.Violation::toString).collect(Collectors.joining("; "));
      throw new BpmnParseException(REFUSAL + reasons, violations.get(0).element());
    }
    super.parseRootElement();
  }
}
