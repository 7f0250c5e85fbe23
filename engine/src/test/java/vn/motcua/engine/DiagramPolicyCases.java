package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * A construct ({@code constructs}) is a case written as a fragment of a process, named
 * {@code construct:<name>}: its document is {@code template} with {@code {{flow}}} replaced by it.
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

  /**
   * A case: its file (relative to the folder) or construct:&lt;name&gt;, whether it is refused, the
   * violations it must give, and for a construct its document (null for a file).
   */
  record Case(String file, boolean refused, List<Expected> violations, String document) {
    boolean isConstruct() {
      return document != null;
    }

    /** The case's document as the engine receives it. */
    byte[] bytes() {
      if (isConstruct()) {
        return document.getBytes(StandardCharsets.UTF_8);
      }
      try {
        return Files.readAllBytes(FOLDER.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + FOLDER.resolve(file).toAbsolutePath(), e);
      }
    }

    /** A name for a deployment of the case. */
    String name() {
      return isConstruct() ? file.replace(':', '-') : Path.of(file).getFileName().toString().replaceAll("\\.bpmn$", "");
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
    JsonNode document = document();
    for (Map.Entry<String, JsonNode> entry : document.get("cases").properties()) {
      JsonNode expected = entry.getValue();
      boolean refused = refused(expected);
      List<Expected> violations = violations(expected);
      String key = entry.getKey();
      if (key.endsWith("*.bpmn")) {
        String folder = key.substring(0, key.length() - "*.bpmn".length());
        for (String file : bpmnFilesIn(FOLDER.resolve(folder))) {
          cases.add(new Case(folder + file, refused, violations, null));
        }
      } else {
        cases.add(new Case(key, refused, violations, null));
      }
    }
    String template = document.get("template").asText();
    for (Map.Entry<String, JsonNode> entry : document.get("constructs").properties()) {
      JsonNode expected = entry.getValue();
      String xml = template.replace("{{flow}}", expected.get("flow").asText());
      cases.add(new Case("construct:" + entry.getKey(), refused(expected), violations(expected), xml));
    }
    assertThat(cases).as("policy cases in %s", FOLDER.toAbsolutePath()).isNotEmpty();
    return cases;
  }

  private static boolean refused(JsonNode expected) {
    return "refused".equals(expected.get("verdict").asText());
  }

  private static List<Expected> violations(JsonNode expected) {
    List<Expected> violations = new ArrayList<>();
    if (expected.has("violations")) {
      for (JsonNode violation : expected.get("violations")) {
        JsonNode elementId = violation.get("elementId");
        violations.add(new Expected(elementId.isNull() ? null : elementId.asText(), violation.get("rule").asText()));
      }
    }
    violations.sort(Expected.ORDER);
    return violations;
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
  static Element parse(Case found) {
    Parser parser = new Parser() {
      @Override
      public Parse createParse() {
        Parse parse = new Parse(this) {};
        parse.setSchemaResource(ReflectUtil.getResourceUrlAsString(BPMN_SCHEMA));
        return parse;
      }
    };
    InputStream input = new ByteArrayInputStream(found.bytes());
    return parser.createParse().name(found.file()).sourceInputStream(input).execute().getRootElement();
  }
}
