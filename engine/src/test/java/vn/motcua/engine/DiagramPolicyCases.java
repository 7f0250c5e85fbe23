package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Parse;
import org.camunda.bpm.engine.impl.util.xml.Parser;

/**
 * The shared cases of the diagram policy (processes/policy-cases/cases.json, which the server's
 * tests read too): each .bpmn file with its verdict, and for a refused one every violation by
 * element id and rule. A key ending in {@code *.bpmn} stands for every .bpmn file of its folder.
 */
final class DiagramPolicyCases {

  /** The schema the engine's BpmnParse validates a deployment against. */
  private static final String BPMN_SCHEMA = "org/camunda/bpm/engine/impl/bpmn/parser/BPMN20.xsd";

  /** The case folder, found from the engine module (Maven runs the tests there). */
  static final Path FOLDER = Path.of("..", "processes", "policy-cases");

  /** One expected violation: the element id (null when no element around it has one) and the rule. */
  record Expected(String elementId, String rule) {
    static final Comparator<Expected> ORDER = Comparator
        .comparing((Expected expected) -> expected.elementId() == null ? "" : expected.elementId())
        .thenComparing(Expected::rule);
  }

  /** A case: its file (relative to the folder), whether it is refused, and the violations it must give. */
  record Case(String file, boolean refused, List<Expected> violations) {
    Path path() {
      return FOLDER.resolve(file);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private DiagramPolicyCases() {}

  static JsonNode document() {
    try {
      return new ObjectMapper().readTree(FOLDER.resolve("cases.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy cases in " + FOLDER.toAbsolutePath(), e);
    }
  }

  /** Every case, folder patterns expanded; fails when there is none, so a moved folder cannot pass unnoticed. */
  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : document().get("cases").properties()) {
      JsonNode expected = entry.getValue();
      boolean refused = "refused".equals(expected.get("verdict").asText());
      List<Expected> violations = new ArrayList<>();
      if (expected.has("violations")) {
        for (JsonNode violation : expected.get("violations")) {
          JsonNode elementId = violation.get("elementId");
          violations.add(new Expected(elementId.isNull() ? null : elementId.asText(), violation.get("rule").asText()));
        }
      }
      violations.sort(Expected.ORDER);
      String key = entry.getKey();
      if (key.endsWith("*.bpmn")) {
        String folder = key.substring(0, key.length() - "*.bpmn".length());
        for (String file : bpmnFilesIn(FOLDER.resolve(folder))) {
          cases.add(new Case(folder + file, refused, violations));
        }
      } else {
        cases.add(new Case(key, refused, violations));
      }
    }
    assertThat(cases).as("policy cases in %s", FOLDER.toAbsolutePath()).isNotEmpty();
    return cases;
  }

  /** The names of the .bpmn files directly in a folder, sorted. */
  static List<String> bpmnFilesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".bpmn")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder.toAbsolutePath(), e);
    }
  }

  /**
   * The definitions element of a file, read by the engine's own XML parser as a deployment is: with
   * namespaces and the BPMN schema, which is how the engine's BpmnParse sets the parser up (it
   * reports schema errors itself, after the policy has run: they are no concern here).
   */
  static Element parse(Path file) {
    Parser parser = new Parser() {
      @Override
      public Parse createParse() {
        Parse parse = new Parse(this) {};
        parse.setSchemaResource(ReflectUtil.getResourceUrlAsString(BPMN_SCHEMA));
        return parse;
      }
    };
    try (InputStream input = Files.newInputStream(file)) {
      return parser.createParse().name(file.toString()).sourceInputStream(input).execute().getRootElement();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
