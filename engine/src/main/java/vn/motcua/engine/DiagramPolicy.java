package vn.motcua.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What a BPMN diagram deployed to this engine may contain, so that a diagram cannot run code on
 * the engine: BPMN elements from an allow-list, service tasks for the external workers only, no
 * Java classes or delegate expressions, no scripts, no extension elements beyond a short
 * allow-list, tasks for candidate groups only, and expressions that only read variables, hold
 * literals or compare a variable with a literal (a JUEL method call reaches any object:
 * {@code ${''.getClass().forName(...)}}).
 *
 * The same rules as the server's check before it deploys (server/src/services/bpmn-policy.ts); both
 * are tested on the shared cases of processes/policy-cases, and each refusal names its rule with
 * the same word (DIAGRAM_POLICY_RULES in common/src/api/diagram-rules.ts), which the server reads
 * back out of the engine's answer. Change both together, and the "What a diagram may contain"
 * section of processes/README.md. Elements and attributes are matched the way the engine's parser
 * reads them: extensions in the Camunda and in the legacy Activiti namespace, BPMN elements by local
 * name. A process marked isExecutable other than "true" is documentation the engine never parses,
 * so it is not checked.
 */
final class DiagramPolicy {

  static final String BPMN_MODEL_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  /** The engine reads its extension attributes and elements from both namespaces. */
  static final Map<String, String> ENGINE_EXTENSION_PREFIXES = Map.of(
      "http://camunda.org/schema/1.0/bpmn", "camunda",
      "http://activiti.org/bpmn", "activiti");

  /**
   * The rules a refusal names, the words of DIAGRAM_POLICY_RULES in common/src/api/diagram-rules.ts
   * (the shared cases list them, and both sides' tests check they agree).
   */
  static final Set<String> RULES = Set.of("script", "java_class", "delegate_expression", "method_expression",
      "expression", "timer", "listener", "connector", "extension_element", "attribute", "element", "external_task",
      "assignee");

  /** A rule of the policy and why a construct breaks it. */
  record Refusal(String rule, String reason) {
    Refusal {
      if (!RULES.contains(rule)) {
        throw new IllegalArgumentException("not a rule of the diagram policy: " + rule);
      }
    }
  }

  /**
   * BPMN elements an executable process may contain. Each one either only documents the diagram
   * (lanes, annotations, groups, data objects), makes the process wait for a person, a timer, a
   * message or one of the workers (user and receive tasks, external service and send tasks, timer
   * and message events, gateways), or structures it (embedded sub-processes, call activities to a
   * shared sub-flow). Left out on purpose: script tasks, business rule tasks, signal, escalation,
   * compensation and conditional events, and multi-instance.
   */
  static final Set<String> ALLOWED_PROCESS_ELEMENTS = Set.of(
      "documentation", "extensionElements",
      "laneSet", "lane", "childLaneSet", "flowNodeRef",
      "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
      "timerEventDefinition", "messageEventDefinition", "timeDate", "timeDuration", "timeCycle",
      "errorEventDefinition", "terminateEventDefinition",
      "task", "manualTask", "userTask", "serviceTask", "sendTask", "receiveTask", "subProcess", "callActivity",
      "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
      "sequenceFlow", "conditionExpression", "incoming", "outgoing",
      "textAnnotation", "text", "association", "group",
      "dataObject", "dataObjectReference", "dataStoreReference", "dataState",
      "dataInputAssociation", "dataOutputAssociation", "sourceRef", "targetRef", "property");

  /** Why a BPMN element outside the allow-list is refused, where there is more to say than "not allowed". */
  static final Map<String, String> PROCESS_ELEMENT_REASONS = Map.of(
      "businessRuleTask", "evaluates a DMN decision, and decisions are switched off on the engine",
      "multiInstanceLoopCharacteristics", "is not allowed: multi-instance is not in the allow-list");

  private static final Set<String> TIMER_ELEMENTS = Set.of("timeDate", "timeDuration", "timeCycle");

  /**
   * camunda: attributes a diagram may set on any element. None names code: they give work to the
   * external-task workers (type, topic), say which group of officers does a user task and when, who
   * may start the process, how jobs and history behave, or are modeler bookkeeping the engine
   * ignores. Their values may hold expressions, which are checked on their own. A task never goes
   * to a named person (assignee, candidateUsers).
   */
  static final Set<String> ALLOWED_ENGINE_ATTRIBUTES = Set.of(
      "type", "topic",
      "candidateGroups", "dueDate", "followUpDate", "priority", "formKey",
      "candidateStarterUsers", "candidateStarterGroups", "initiator", "isStartableInTasklist",
      "async", "asyncBefore", "asyncAfter", "exclusive", "jobPriority", "taskPriority",
      "versionTag", "historyTimeToLive",
      "errorCodeVariable", "errorMessageVariable",
      "calledElementBinding", "calledElementVersion", "calledElementVersionTag",
      "diagramRelationId", "modelerTemplate", "modelerTemplateVersion");

  /** A camunda: extension element: its (unqualified) attributes, its camunda: children, where it may stand. */
  record ElementRule(Set<String> attributes, Set<String> children, boolean inExtensionElements) {}

  /**
   * camunda: extension elements a diagram may contain. Parameters and properties hold plain text
   * (no nested script, list or map); an execution listener may only clear a variable
   * ({@link #LISTENER_EXPRESSION}), which the house-construction-permit diagram does when a
   * dossier is sent back. camunda:in and camunda:out pass variables to and from a called sub-flow
   * by name (a source expression or a business key is held to the expression rule).
   */
  static final Map<String, ElementRule> ALLOWED_ENGINE_ELEMENTS = Map.of(
      "inputOutput", new ElementRule(Set.of(), Set.of("inputParameter", "outputParameter"), true),
      "inputParameter", new ElementRule(Set.of("name"), Set.of(), false),
      "outputParameter", new ElementRule(Set.of("name"), Set.of(), false),
      "properties", new ElementRule(Set.of(), Set.of("property"), true),
      "property", new ElementRule(Set.of("id", "name", "value"), Set.of(), false),
      "executionListener", new ElementRule(Set.of("event", "expression"), Set.of(), true),
      "failedJobRetryTimeCycle", new ElementRule(Set.of(), Set.of(), true),
      "in", new ElementRule(Set.of("source", "sourceExpression", "target", "variables", "local", "businessKey"),
          Set.of(), true),
      "out", new ElementRule(Set.of("source", "sourceExpression", "target", "variables", "local"), Set.of(), true));

  /** The camunda: extension elements that may stand directly in extensionElements, for messages. */
  private static final String ALLOWED_AT_TOP = ALLOWED_ENGINE_ELEMENTS.entrySet().stream()
      .filter(entry -> entry.getValue().inExtensionElements())
      .map(Map.Entry::getKey)
      .sorted()
      .collect(Collectors.joining(", "));

  private static final Refusal JAVA_CLASS = new Refusal("java_class", "names a Java class for the engine to run");
  private static final Refusal DELEGATE_EXPRESSION = new Refusal("delegate_expression",
      "resolves a Java object from an expression for the engine to run");
  private static final Refusal SCRIPT = new Refusal("script", "runs a script on the engine");
  private static final String TO_GROUPS_ONLY = "a task goes to candidate groups only (camunda:candidateGroups)";

  /** Why a construct is refused, and under which rule, by attribute or element local name. */
  static final Map<String, Refusal> CODE_REASONS = Map.ofEntries(
      Map.entry("class", JAVA_CLASS),
      Map.entry("variableMappingClass", JAVA_CLASS),
      Map.entry("formHandlerClass", JAVA_CLASS),
      Map.entry("field", new Refusal("java_class", "field injection configures Java delegates, which are not allowed")),
      Map.entry("delegateExpression", DELEGATE_EXPRESSION),
      Map.entry("variableMappingDelegateExpression", DELEGATE_EXPRESSION),
      Map.entry("expression", new Refusal("method_expression", "lets the engine call methods through an expression")),
      Map.entry("resultVariable", new Refusal("method_expression",
          "stores what an expression, a script or a decision returns, and a diagram may run none of them")),
      Map.entry("script", SCRIPT),
      Map.entry("scriptTask", SCRIPT),
      Map.entry("scriptFormat", SCRIPT),
      Map.entry("resource", new Refusal("script", "loads a script or a file for the engine to run")),
      Map.entry("language", new Refusal("script", "makes the engine run the expression as a script")),
      Map.entry("decisionRef", new Refusal("attribute",
          "evaluates a DMN decision, and decisions are switched off on the engine")),
      Map.entry("assignee", new Refusal("assignee", "gives the task to one person: " + TO_GROUPS_ONLY)),
      Map.entry("candidateUsers", new Refusal("assignee", "offers the task to named people: " + TO_GROUPS_ONLY)),
      Map.entry("taskListener", new Refusal("listener",
          "task listeners run Java classes, expressions or scripts on the engine")),
      Map.entry("connector", new Refusal("connector", "connectors call other systems from the engine")),
      Map.entry("formData", new Refusal("extension_element", "generated forms may name Java validator classes")));

  // Reading a variable, a literal, or comparing a variable with a literal: no method calls, no
  // operators beyond == and !=, no functions.
  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String LITERAL = "'[^'\\\\]*'|\"[^\"\\\\]*\"|-?\\d+(?:\\.\\d+)?|true|false|null";
  private static final String VARIABLE =
      IDENTIFIER + "|execution\\.getVariable\\(\\s*(?:'" + IDENTIFIER + "'|\"" + IDENTIFIER + "\")\\s*\\)";
  static final String EXPRESSION_BODY =
      "(?:" + VARIABLE + ")(?:\\s*(?:==|!=)\\s*(?:" + LITERAL + "))?|" + LITERAL;
  /** The one expression an execution listener may have: clearing a variable. */
  static final String LISTENER_EXPRESSION =
      "execution\\.removeVariable\\(\\s*(?:'" + IDENTIFIER + "'|\"" + IDENTIFIER + "\")\\s*\\)";

  private static final Pattern EXPRESSION_START = Pattern.compile("[$#]\\{");
  private static final Pattern ALLOWED_EXPRESSION = Pattern.compile("[$#]\\{\\s*(?:" + EXPRESSION_BODY + ")\\s*\\}");
  private static final Pattern WHOLE_LISTENER_EXPRESSION =
      Pattern.compile("\\s*\\$\\{\\s*" + LISTENER_EXPRESSION + "\\s*\\}\\s*");
  /** A timer holds an ISO 8601 literal or one variable (e.g. {@code ${appraisalDueAt}}). */
  private static final Pattern TIMER_EXPRESSION = Pattern.compile("\\s*\\$\\{\\s*" + IDENTIFIER + "\\s*\\}\\s*");
  private static final String EXPRESSION_RULE = "only variables, literals and comparisons of a variable"
      + " with a literal are allowed (e.g. ${agencyCode}, ${outcome == 'approve'})";

  /**
   * One thing the policy refuses: the element it is on, the nearest id to name, the rule, and why.
   * Written as {@code element "<id>": <reason> [<rule>]}, the form the server reads back.
   */
  record Violation(Element element, String elementId, String rule, String reason) {
    @Override
    public String toString() {
      return (elementId == null ? reason : "element \"" + elementId + "\": " + reason) + " [" + rule + "]";
    }
  }

  private DiagramPolicy() {}

  /** The {@code ${...}} / {@code #{...}} parts of a text that are not allowed expressions. */
  static List<String> disallowedExpressions(String text) {
    List<String> refused = new ArrayList<>();
    Matcher start = EXPRESSION_START.matcher(text);
    Matcher allowed = ALLOWED_EXPRESSION.matcher(text);
    int from = 0;
    while (from < text.length() && start.find(from)) {
      int at = start.start();
      allowed.region(at, text.length());
      if (allowed.lookingAt()) {
        from = allowed.end();
      } else {
        int end = text.indexOf('}', at);
        refused.add(text.substring(at, end == -1 ? text.length() : end + 1));
        from = at + 2;
      }
    }
    return refused;
  }

  /** Checks a parsed definitions element; an empty list means the diagram may be deployed. */
  static List<Violation> check(Element definitions) {
    List<Violation> violations = new ArrayList<>();
    Checker checker = new Checker(violations);
    checker.checkAttributes(definitions, definitions.attribute("id"));
    for (Element child : definitions.elements()) {
      // the engine finds processes by local name, whatever their namespace
      if ("process".equals(child.getTagName())) {
        String executable = child.attribute("isExecutable");
        if (executable != null && !Boolean.parseBoolean(executable)) {
          continue;
        }
        // the element allow-list is for processes the engine deploys; the other rules apply to any it reads
        boolean processStructure = Boolean.parseBoolean(executable);
        String processId = child.attribute("id");
        checker.checkAttributes(child, processId);
        for (Element element : child.elements()) {
          checker.visit(element, new Scope(processId, processStructure, null, false));
        }
      } else {
        checker.visit(child, new Scope(null, false, null, false));
      }
    }
    return violations;
  }

  /**
   * Where an element stands: the nearest id; whether the element allow-list applies (inside an
   * executable process, outside extensionElements); the camunda: element it is in; whether it is
   * directly in extensionElements.
   */
  private record Scope(String elementId, boolean processStructure, Element engineParent, boolean inExtensionElements) {}

  private static final class Checker {
    private final List<Violation> violations;

    Checker(List<Violation> violations) {
      this.violations = violations;
    }

    void visit(Element element, Scope scope) {
      String id = element.attribute("id");
      String elementId = id != null ? id : scope.elementId();
      Refusal problem = elementProblem(element, scope);
      if (problem != null) {
        // what is inside a refused element does not matter any more
        violations.add(new Violation(element, elementId, problem.rule(), problem.reason()));
        return;
      }
      int before = violations.size();
      checkAttributes(element, elementId);
      Refusal textProblem = textProblem(element);
      if (textProblem != null) {
        violations.add(new Violation(element, elementId, textProblem.rule(), textProblem.reason()));
      }
      boolean engineElement = isEngineExtension(element);
      boolean extensionElements = isBpmn(element) && "extensionElements".equals(element.getTagName());
      Scope childScope = new Scope(elementId,
          scope.processStructure() && !extensionElements && isBpmn(element),
          engineElement ? element : null,
          extensionElements);
      for (Element child : element.elements()) {
        visit(child, childScope);
      }
      // checked last, so that a camunda:class or a camunda:script names itself rather than being
      // reported as "not an external task" or "may only clear a variable"
      if (violations.size() == before) {
        Refusal implementation = implementationProblem(element, scope);
        if (implementation != null) {
          violations.add(new Violation(element, elementId, implementation.rule(), implementation.reason()));
        }
      }
    }

    private Refusal elementProblem(Element element, Scope scope) {
      String localName = element.getTagName();
      if ("script".equals(localName) || "scriptTask".equals(localName)) {
        Refusal code = CODE_REASONS.get(localName);
        return new Refusal(code.rule(), display(element) + " " + code.reason());
      }
      if (isEngineExtension(element)) {
        ElementRule rule = ALLOWED_ENGINE_ELEMENTS.get(localName);
        if (scope.engineParent() != null) {
          ElementRule parentRule = ALLOWED_ENGINE_ELEMENTS.get(scope.engineParent().getTagName());
          if (rule == null || parentRule == null || !parentRule.children().contains(localName)) {
            return new Refusal("extension_element", display(scope.engineParent()) + " may not contain " + display(element));
          }
        } else if (rule == null || !rule.inExtensionElements() || !scope.inExtensionElements()) {
          Refusal code = CODE_REASONS.get(localName);
          return code != null
              ? new Refusal(code.rule(), display(element) + ": " + code.reason())
              : new Refusal("extension_element", display(element)
                  + " is not in the allow-list of camunda extension elements (" + ALLOWED_AT_TOP + ")");
        }
        return null;
      }
      if (scope.engineParent() != null) {
        return new Refusal("extension_element", display(scope.engineParent()) + " may not contain " + display(element));
      }
      if (!scope.processStructure()) {
        return null;
      }
      if (!isBpmn(element)) {
        return new Refusal("element",
            display(element) + " is not a BPMN element; other vocabularies belong inside extensionElements");
      }
      if (!ALLOWED_PROCESS_ELEMENTS.contains(localName)) {
        return new Refusal("element", display(element) + " "
            + PROCESS_ELEMENT_REASONS.getOrDefault(localName, "is not in the allow-list of process elements"));
      }
      return null;
    }

    private Refusal implementationProblem(Element element, Scope scope) {
      if (scope.processStructure() && isBpmn(element) && lacksExternalTask(element)) {
        return new Refusal("external_task", display(element)
            + " must be an external task (camunda:type=\"external\" with a camunda:topic) for our workers");
      }
      if (isEngineExtension(element) && "executionListener".equals(element.getTagName())) {
        String expression = element.attribute("expression");
        if (expression == null || !WHOLE_LISTENER_EXPRESSION.matcher(expression).matches()) {
          return new Refusal("listener", display(element)
              + " may only clear a variable, as in expression=\"${execution.removeVariable('outcome')}\"");
        }
      }
      return null;
    }

    private Refusal textProblem(Element element) {
      String text = element.getText();
      if (isBpmn(element) && TIMER_ELEMENTS.contains(element.getTagName())) {
        if (EXPRESSION_START.matcher(text).find() && !TIMER_EXPRESSION.matcher(text).matches()) {
          return new Refusal("timer", display(element) + " " + quote(text)
              + " is not allowed: a timer holds an ISO 8601 value or one variable, as in ${appraisalDueAt}");
        }
        return null;
      }
      List<String> refused = disallowedExpressions(text);
      return refused.isEmpty() ? null : new Refusal("expression",
          display(element) + ": expression " + quote(refused.get(0)) + " is not allowed: " + EXPRESSION_RULE);
    }

    void checkAttributes(Element element, String elementId) {
      // the parser keeps attributes in a hash map: sort them for a stable report
      for (String key : new TreeSet<>(element.attributes())) {
        Refusal problem = attributeProblem(element, key, element.attribute(key));
        if (problem != null) {
          violations.add(new Violation(element, elementId, problem.rule(), problem.reason()));
        }
      }
    }

    private Refusal attributeProblem(Element element, String key, String value) {
      // the engine's parser keys an attribute "<namespace URI>:<local name>", or "<name>" without a namespace
      int colon = key.lastIndexOf(':');
      String namespace = colon == -1 ? "" : key.substring(0, colon);
      String localName = key.substring(colon + 1);
      if (namespace.isEmpty() && (localName.equals("xmlns") || key.startsWith("xmlns:"))
          || namespace.equals("http://www.w3.org/2000/xmlns/")) {
        return null;
      }
      if (ENGINE_EXTENSION_PREFIXES.containsKey(namespace)) {
        String name = ENGINE_EXTENSION_PREFIXES.get(namespace) + ":" + localName;
        if (!ALLOWED_ENGINE_ATTRIBUTES.contains(localName)) {
          Refusal code = CODE_REASONS.get(localName);
          return code != null
              ? new Refusal(code.rule(), name + " " + code.reason())
              : new Refusal("attribute", name + " is not in the allow-list of camunda attributes");
        }
        if (localName.equals("type") && !value.equals("external")) {
          return new Refusal("external_task", name + "=" + quote(value)
              + " is not allowed: the only task type is \"external\" (done by our workers)");
        }
      } else if (namespace.isEmpty() && isEngineExtension(element)) {
        ElementRule rule = ALLOWED_ENGINE_ELEMENTS.get(element.getTagName());
        if (rule == null || !rule.attributes().contains(localName)) {
          Refusal code = CODE_REASONS.get(localName);
          return new Refusal(code == null ? "attribute" : code.rule(), display(element) + " " + localName + "="
              + quote(value) + " " + (code == null ? "is not allowed" : code.reason()));
        }
        if (element.getTagName().equals("executionListener") && localName.equals("expression")) {
          return null; // its one form is checked with the element
        }
      } else if (namespace.isEmpty() && (localName.equals("language") || localName.equals("scriptFormat"))) {
        return new Refusal("script", localName + "=" + quote(value) + " " + CODE_REASONS.get(localName).reason());
      }
      List<String> refused = disallowedExpressions(value);
      if (!refused.isEmpty()) {
        String prefix = ENGINE_EXTENSION_PREFIXES.get(namespace);
        String name = prefix == null ? localName : prefix + ":" + localName;
        return new Refusal("expression",
            name + ": expression " + quote(refused.get(0)) + " is not allowed: " + EXPRESSION_RULE);
      }
      return null;
    }

    /**
     * Whether an element must be, and is not, an external task for the workers: a service task and
     * a send task always (the engine refuses a send task without an implementation), a message
     * event definition once it names an implementation (without one, a message throw event is a no-op).
     */
    private static boolean lacksExternalTask(Element element) {
      String localName = element.getTagName();
      String type = engineAttribute(element, "type");
      String topic = engineAttribute(element, "topic");
      boolean mustBeExternal = "serviceTask".equals(localName) || "sendTask".equals(localName)
          || "messageEventDefinition".equals(localName) && (type != null || topic != null);
      return mustBeExternal && (!"external".equals(type) || topic == null || topic.isBlank());
    }

    /** A camunda: attribute, in either extension namespace. */
    private static String engineAttribute(Element element, String localName) {
      for (String namespace : ENGINE_EXTENSION_PREFIXES.keySet()) {
        String value = element.attribute(namespace + ":" + localName);
        if (value != null) {
          return value;
        }
      }
      return null;
    }

    private static boolean isBpmn(Element element) {
      return BPMN_MODEL_NAMESPACE.equals(element.getUri());
    }

    private static boolean isEngineExtension(Element element) {
      return element.getUri() != null && ENGINE_EXTENSION_PREFIXES.containsKey(element.getUri());
    }

    private static String display(Element element) {
      String prefix = element.getUri() == null ? null : ENGINE_EXTENSION_PREFIXES.get(element.getUri());
      if (prefix != null) {
        return prefix + ":" + element.getTagName();
      }
      return BPMN_MODEL_NAMESPACE.equals(element.getUri()) ? "bpmn:" + element.getTagName() : element.getTagName();
    }

    private static String quote(String text) {
      String flat = text.replaceAll("\\s+", " ").trim();
      return "\"" + (flat.length() > 80 ? flat.substring(0, 77) + "..." : flat) + "\"";
    }
  }
}
