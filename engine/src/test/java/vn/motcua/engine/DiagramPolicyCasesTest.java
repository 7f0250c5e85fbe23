package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine's policy gives every shared case (processes/policy-cases) the verdict the server's
 * policy gives it: the same violations, by element and rule. The documents are read by the
 * engine's own XML parser, so what is checked is what a deployment hands to the policy.
 */
class DiagramPolicyCasesTest {

  @Test
  void everyBpmnFileOfTheCaseFolderHasAnExpectedVerdict() {
    List<String> listed = DiagramPolicyCases.all().stream()
        .filter(found -> !found.isConstruct())
        .map(DiagramPolicyCases.Case::file)
        .filter(file -> !file.contains("/"))
        .sorted()
        .toList();
    assertThat(listed).isNotEmpty();
    assertThat(DiagramPolicyCases.bpmnFilesIn(DiagramPolicyCases.FOLDER)).isEqualTo(listed);
  }

  @Test
  void theEngineNamesTheSharedRulesAndTheCasesRefuseSomethingUnderEach() {
    Set<String> shared = new HashSet<>();
    DiagramPolicyCases.document().get("rules").forEach(rule -> shared.add(rule.asText()));
    assertThat(DiagramPolicy.RULES).isEqualTo(shared);
    Set<String> covered = new HashSet<>();
    DiagramPolicyCases.all().forEach(found -> found.violations().forEach(violation -> covered.add(violation.rule())));
    assertThat(covered).isEqualTo(shared);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseGetsItsRecordedVerdict() {
    return DiagramPolicyCases.all().stream().map(expected -> dynamicTest(expected.file(), () -> {
      // given the case's diagram as the engine's parser reads it, when the policy checks it
      List<DiagramPolicy.Violation> violations = DiagramPolicy.check(DiagramPolicyCases.parse(expected));
      // then it finds exactly the recorded violations, by element and rule, each with a reason
      List<DiagramPolicyCases.Expected> found = violations.stream()
          .map(violation -> new DiagramPolicyCases.Expected(violation.elementId(), violation.rule()))
          .sorted(DiagramPolicyCases.Expected.ORDER)
          .toList();
      assertThat(found).as("violations of %s: %s", expected.file(), violations).isEqualTo(expected.violations());
      assertThat(violations.isEmpty()).isEqualTo(!expected.refused());
      assertThat(violations).allSatisfy(violation -> assertThat(violation.reason()).isNotBlank());
    }));
  }

  @TestFactory
  Stream<DynamicTest> theExpressionCheckAllowsAndRefusesTheSharedTexts() {
    JsonNode expressions = DiagramPolicyCases.document().get("expressions");
    Stream<DynamicTest> allowed = StreamSupport.stream(expressions.get("allowed").spliterator(), false)
        .map(JsonNode::asText)
        .map(text -> dynamicTest("allows " + text,
            () -> assertThat(DiagramPolicy.disallowedExpressions(text)).isEmpty()));
    Stream<DynamicTest> refused = expressions.get("refused").properties().stream()
        .map(entry -> Map.entry(entry.getKey(), entry.getValue().asText()))
        .map(entry -> dynamicTest("refuses " + entry.getKey(),
            () -> assertThat(DiagramPolicy.disallowedExpressions(entry.getKey())).containsExactly(entry.getValue())));
    return Stream.concat(allowed, refused);
  }
}
