package vn.motcua.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What a BPMN diagram deployed to this engine may contain, so that a diagram cannot run code on
 * the engine: no Java classes or delegate expressions, no scripts, no extension elements beyond a
 * short allow-list, and expressions that only read variables, hold literals or compare a variable
 * with a literal (a JUEL method call reaches any object: {@code ${''.getClass().forName(...)}}).
 *
 * The same rules as the server's check before it deploys (server/src/services/bpmn-policy.ts),
 * which additionally limits the BPMN elements a process may use; change both together, and the
 * "What a diagram may contain" section of processes/README.md. Elements and attributes are
 * matched the way the engine's parser reads them: extensions in the Camunda and in the legacy
 * Activiti namespace, BPMN elements by local name. A process marked isExecutable other than
 * "true" is documentation the engine never parses, so it is not checked.
 */
final class DiagramPolicy {

  static final String BPMN_MODEL_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  /** The engine reads its extension attributes and elements from both namespaces. */
  static final Map<String, String> ENGINE_EXTENSION_PREFIXES = Map.of(
      "http://camunda.org/schema/1.0/bpmn", "camunda",
      "http://activiti.org/bpmn", "activiti");

  /**
   * camunda: attributes a diagram may set on any element. None names code: they give work to the
   * external-task workers (type, topic), say who does a user task and when, who may start the
   * process, how jobs and history behave, or are modeler bookkeeping the engine ignores. Their
   * values may hold expressions, which are checked on their own.
   */
  static final Set<String> ALLOWED_ENGINE_ATTRIBUTES = Set.of(
      "type", "topic",
      "assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority", "formKey",
      "candidateStarterUsers", "candidateStarterGroups", "initiator", "isStartableInTasklist",
      "async", "asyncBefore", "asyncAfter", "exclusive", "jobPriority", "taskPriority",
      "versionTag", "historyTimeToLive",
      "errorCodeVariable", "errorMessageVariable",
      "diagramRelationId", "modelerTemplate", "modelerTemplateVersion");

  /** A camunda: extension element: its (unqualified) attributes, its camunda: children, where it may stand. */
  record ElementRule(Set<String> attributes, Set<String> children, boolean inExtensionElements) {}

  /**
   * camunda: extension elements a diagram may contain. Parameters and properties hold plain text
   * (no nested script, list or map); an execution listener may only clear a variable
   * ({@link #LISTENER_EXPRESSION}), which the house-construction-permit diagram does when a
   * dossier is sent back.
   */
  static final Map<String, ElementRule> ALLOWED_ENGINE_ELEMENTS = Map.of(
      "inputOutput", new ElementRule(Set.of(), Set.of("inputParameter", "outputParameter"), true),
      "inputParameter", new ElementRule(Set.of("name"), Set.of(), false),
      "outputParameter", new ElementRule(Set.of("name"), Set.of(), false),
      "properties", new ElementRule(Set.of(), Set.of("property"), true),
      "property", new ElementRule(Set.of("id", "name", "value"), Set.of(), false),
      "executionListener", new ElementRule(Set.of("event", "expression"), Set.of(), true),
      "failedJobRetryTimeCycle", new ElementRule(Set.of(), Set.of(), true));

  /** Why a construct that runs code is refused, by attribute or element local name. */
  static final Map<String, String> CODE_REASONS = Map.ofEntries(
      Map.entry("class", "names a Java class for the engine to run"),
      Map.entry("delegateExpression", "resolves a Java object from an expression for the engine to run"),
      Map.entry("expression", "lets the engine call methods through an expression"),
      Map.entry("resource", "loads a script or a file for the engine to run"),
      Map.entry("scriptFormat", "runs a script on the engine"),
      Map.entry("language", "makes the engine run the expression as a script"),
      Map.entry("variableMappingClass", "names a Java class for the engine to run"),
      Map.entry("variableMappingDelegateExpression", "resolves a Java object from an expression for the engine to run"),
      Map.entry("formHandlerClass", "names a Java class for the engine to run"),
      Map.entry("decisionRef", "evaluates a DMN decision, and decisions are switched off on the engine"),
      Map.entry("script", "runs a script on the engine"),
      Map.entry("scriptTask", "runs a script on the engine"),
      Map.entry("taskListener", "task listeners run Java classes, expressions or scripts on the engine"),
      Map.entry("field", "field injection configures Java delegates, which are not allowed"),
      Map.entry("connector", "connectors call other systems from the engine"),
      Map.entry("formData", "generated forms may name Java validator classes"));

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
  private static final String EXPRESSION_RULE = "only variables, literals and comparisons of a variable"
      + " with a literal are allowed (e.g. ${agencyCode}, ${outcome == 'approve'})";

  /** One thing the policy refuses: the element it is on, the nearest id to name, and why. */
  record Violation(Element element, String elementId, String reason) {
    @Override
    public String toString() {
      return elementId == null ? reason : "element \"" + elementId + "\": " + reason;
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
        String processId = child.attribute("id");
        checker.checkAttributes(child, processId);
        for (Element element : child.elements()) {
          checker.visit(element, new Scope(processId, null, false));
        }
      } else {
        checker.visit(child, new Scope(null, null, false));
      }
    }
    return violations;
  }

  /** Where an element stands: the nearest id, the camunda: element it is in, whether directly in extensionElements. */
  private record Scope(String elementId, Element engineParent, boolean inExtensionElements) {}

  private static final class Checker {
    private final List<Violation> violations;

    Checker(List<Violation> violations) {
      this.violations = violations;
    }

    void visit(Element element, Scope scope) {
      String id = element.attribute("id");
      String elementId = id != null ? id : scope.elementId();
      String problem = elementProblem(element, scope);
      if (problem != null) {
        // what is inside a refused element does not matter any more
        violations.add(new Violation(element, elementId, problem));
        return;
      }
      int before = violations.size();
      checkAttributes(element, elementId);
      List<String> refused = disallowedExpressions(element.getText());
      if (!refused.isEmpty()) {
        violations.add(new Violation(element, elementId,
            display(element) + ": expression " + quote(refused.get(0)) + " is not allowed: " + EXPRESSION_RULE));
      }
      boolean engineElement = isEngineExtension(element);
      boolean extensionElements = BPMN_MODEL_NAMESPACE.equals(element.getUri())
          && "extensionElements".equals(element.getTagName());
      Scope childScope = new Scope(elementId, engineElement ? element : null, extensionElements);
      for (Element child : element.elements()) {
        visit(child, childScope);
      }
      // checked last, so that a camunda:script inside a listener names itself
      if (violations.size() == before && engineElement && "executionListener".equals(element.getTagName())) {
        String expression = element.attribute("expression");
        if (expression == null || !WHOLE_LISTENER_EXPRESSION.matcher(expression).matches()) {
          violations.add(new Violation(element, elementId, display(element)
              + " may only clear a variable, as in expression=\"${execution.removeVariable('outcome')}\""));
        }
      }
    }

    private String elementProblem(Element element, Scope scope) {
      String localName = element.getTagName();
      if ("script".equals(localName) || "scriptTask".equals(localName)) {
        return display(element) + " " + CODE_REASONS.get(localName);
      }
      if (scope.engineParent() != null) {
        ElementRule parentRule = ALLOWED_ENGINE_ELEMENTS.get(scope.engineParent().getTagName());
        if (!isEngineExtension(element) || parentRule == null || !parentRule.children().contains(localName)) {
          return display(scope.engineParent()) + " may not contain " + display(element);
        }
        return null;
      }
      if (isEngineExtension(element)) {
        ElementRule rule = ALLOWED_ENGINE_ELEMENTS.get(localName);
        if (rule == null || !rule.inExtensionElements() || !scope.inExtensionElements()) {
          String reason = CODE_REASONS.get(localName);
          return reason != null
              ? display(element) + ": " + reason
              : display(element) + " is not in the allow-list of camunda extension elements";
        }
      }
      return null;
    }

    void checkAttributes(Element element, String elementId) {
      // the parser keeps attributes in a hash map: sort them for a stable report
      for (String key : new TreeSet<>(element.attributes())) {
        String problem = attributeProblem(element, key, element.attribute(key));
        if (problem != null) {
          violations.add(new Violation(element, elementId, problem));
        }
      }
    }

    private String attributeProblem(Element element, String key, String value) {
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
          return name + " " + CODE_REASONS.getOrDefault(localName, "is not in the allow-list of camunda attributes");
        }
        if (localName.equals("type") && !value.equals("external")) {
          return name + "=" + quote(value)
              + " is not allowed: the only task type is \"external\" (done by our workers)";
        }
      } else if (namespace.isEmpty() && isEngineExtension(element)) {
        ElementRule rule = ALLOWED_ENGINE_ELEMENTS.get(element.getTagName());
        if (rule == null || !rule.attributes().contains(localName)) {
          return display(element) + " " + localName + "=" + quote(value) + " "
              + CODE_REASONS.getOrDefault(localName, "is not allowed");
        }
        if (element.getTagName().equals("executionListener") && localName.equals("expression")) {
          return null; // its one form is checked with the element
        }
      } else if (namespace.isEmpty() && (localName.equals("language") || localName.equals("scriptFormat"))) {
        return localName + "=" + quote(value) + " " + CODE_REASONS.get(localName);
      }
      List<String> refused = disallowedExpressions(value);
      if (!refused.isEmpty()) {
        String prefix = ENGINE_EXTENSION_PREFIXES.get(namespace);
        String name = prefix == null ? localName : prefix + ":" + localName;
        return name + ": expression " + quote(refused.get(0)) + " is not allowed: " + EXPRESSION_RULE;
      }
      return null;
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
