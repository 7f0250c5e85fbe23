package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A diagram deployed straight to the engine's REST API, with its admin credentials, cannot run
 * code: it cannot reach Spring beans, and every shared policy case (processes/policy-cases) is
 * refused or let through at deployment as the server's check does; our own diagram still deploys
 * and runs. Same application context as {@link EngineRestTest} (same properties).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:engine-it;DB_CLOSE_DELAY=-1",
    "spring.datasource.username=sa",
    "spring.datasource.password=",
    "camunda.bpm.admin-user.id=tester",
    "camunda.bpm.admin-user.password=pw-123"
})
class CodeExecutionGuardTest {

  static final Path HOUSE_CONSTRUCTION_PERMIT = Path.of("..", "processes", "house-construction-permit.bpmn");

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngineConfigurationImpl configuration;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ExternalTaskService externalTaskService;

  /** A definitions document with one executable process holding {@code body}. */
  static String diagram(String processId, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Defs_%1$s" targetNamespace="http://motcua.vn/bpmn">
          <bpmn:process id="%1$s" isExecutable="true">%2$s</bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, body);
  }

  /** start → {@code task} → end. */
  static String around(String task) {
    return """
        <bpmn:startEvent id="start"/>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
        %s
        <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
        <bpmn:endEvent id="end"/>
        """.formatted(task);
  }

  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> deploy(String name, String xml) {
    return deploy(name, xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Deploys a document's bytes as they are, so the engine reads the encoding its declaration names. */
  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> deploy(String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", name);
    form.add(name + ".bpmn", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name + ".bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth("tester", "pw-123")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), Map.class);
  }

  @Test
  void anExpressionNamingASpringBeanFindsNoBean() {
    // given a diagram that passes the policy: ${dataSource} reads like a variable
    String xml = diagram("reads_data_source", around("""
        <bpmn:userTask id="work">
          <bpmn:extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="stolen">${dataSource}</camunda:inputParameter>
            </camunda:inputOutput>
          </bpmn:extensionElements>
        </bpmn:userTask>
        """));
    assertThat(deploy("reads_data_source", xml).getStatusCode()).isEqualTo(HttpStatus.OK);
    // when it runs, then the engine has no bean of that name to give
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("reads_data_source"))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Cannot resolve identifier 'dataSource'");
    assertThat(configuration.getBeans()).isEmpty();
  }

  /** How the engine's parse error introduces the policy's refusal, and how it separates and writes violations. */
  static final String REFUSAL = DiagramPolicyBpmnParse.REFUSAL;
  static final Pattern VIOLATION_SEPARATOR = Pattern.compile("(?<=\\[[a-z_]{1,40}\\]); ");
  static final Pattern VIOLATION = Pattern.compile("(?:element \"([^\"]*)\": )?.*? \\[([a-z_]+)\\]", Pattern.DOTALL);

  /**
   * The violations an engine refusal names, by element id (null for none) and rule: the line of
   * the parse error that carries the policy's refusal, as {@code element "<id>": <reason> [<rule>]}
   * separated by "; ", before the parser's " | resource ... | line ..." suffix.
   */
  static List<DiagramPolicyCases.Expected> violationsNamedIn(String message) {
    String line = message.lines().filter(candidate -> candidate.contains(REFUSAL)).findFirst().orElse("");
    if (line.isEmpty()) {
      return List.of();
    }
    String refusal = line.substring(line.indexOf(REFUSAL) + REFUSAL.length());
    int suffix = refusal.lastIndexOf(" | resource ");
    List<DiagramPolicyCases.Expected> violations = new ArrayList<>();
    for (String part : VIOLATION_SEPARATOR.split(suffix == -1 ? refusal : refusal.substring(0, suffix))) {
      Matcher violation = VIOLATION.matcher(part);
      assertThat(violation.matches()).as("a violation in %s", part).isTrue();
      violations.add(new DiagramPolicyCases.Expected(violation.group(1), violation.group(2)));
    }
    violations.sort(DiagramPolicyCases.Expected.ORDER);
    return violations;
  }

  @TestFactory
  Stream<DynamicTest> everyPolicyCaseGetsItsVerdictWhenDeployedOverRest() {
    return DiagramPolicyCases.all().stream().map(expected -> dynamicTest(expected.file(), () -> {
      // given a case's diagram, sent to the engine's REST API with its admin credentials
      String name = "policy-" + expected.name();
      @SuppressWarnings("rawtypes")
      ResponseEntity<Map> response = deploy(name, expected.bytes());
      String message = response.getBody() == null ? "" : String.valueOf(response.getBody().get("message"));
      // then a refused case is refused with every violation named, and an allowed one is not refused by the policy
      if (expected.refused()) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(violationsNamedIn(message)).as(message).isEqualTo(expected.violations());
        assertThat(configuration.getRepositoryService().createDeploymentQuery().deploymentName(name).count()).isZero();
      } else if (expected.file().startsWith("../test/")) {
        // a reference model may still break rules of the engine's own (imports, several collaborations)
        assertThat(message).doesNotContain(REFUSAL);
      } else {
        // our own cases and diagrams are sound BPMN too: the engine deploys them
        assertThat(response.getStatusCode()).as(message).isEqualTo(HttpStatus.OK);
      }
    }));
  }

  @Test
  void noScriptEngineIsFoundForAnyLanguage() {
    for (String language : List.of("juel", "feel", "javascript", "groovy")) {
      assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(
          commandContext -> configuration.getScriptingEngines().getScriptEngineForLanguage(language)))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("Can't find scripting engine for '" + language + "'");
    }
  }

  @Test
  void cmmnDmnAndQueryExpressionsAreSwitchedOff() {
    assertThat(configuration.isCmmnEnabled()).isFalse();
    assertThat(configuration.isDmnEnabled()).isFalse();
    assertThat(configuration.isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(configuration.isEnableExpressionsInStoredQueries()).isFalse();
  }

  @Test
  void theHouseConstructionPermitDiagramDeploysAndRunsToTheEnd() throws Exception {
    // given our diagram, deployed over REST as the Node side does
    String xml = Files.readString(HOUSE_CONSTRUCTION_PERMIT);
    assertThat(deploy("house-construction-permit", xml).getStatusCode()).isEqualTo(HttpStatus.OK);
    String agency = "000.00.17.H41";
    String instance = runtimeService.startProcessInstanceByKey("house-construction-permit", "HS-GUARD-1", Map.of(
        "dossierCode", "HS-GUARD-1", "procedureCode", "1.009994", "agencyCode", agency,
        "receivedAt", new Date(), "processingDays", 15)).getId();

    // the appointment worker plans the appointment and every step's deadline (due_<step>)
    Instant now = Instant.now();
    externalTaskService.complete(fetchOne("compute-appointment").getId(), "guard-test", Map.of(
        "dueAt", Date.from(now.plus(20, ChronoUnit.DAYS)),
        "due_received", Date.from(now.plus(1, ChronoUnit.DAYS)),
        "due_appraisal", Date.from(now.plus(8, ChronoUnit.DAYS)),
        "due_partner_review", Date.from(now.plus(13, ChronoUnit.DAYS)),
        "due_leader_approval", Date.from(now.plus(17, ChronoUnit.DAYS)),
        "due_return_result", Date.from(now.plus(20, ChronoUnit.DAYS))));

    // the specialist transfers it to the partner agency for its part, which hands it back
    String partner = "000.08.17.H41";
    completeUserTask(instance, "appraisal", "specialist:" + agency,
        Map.of("outcome", "transfer", "partnerAgencyCode", partner));
    externalTaskService.complete(fetchOne("transfer-to-agency").getId(), "guard-test");
    completeUserTask(instance, "partner-review", "specialist:" + partner, Map.of());
    externalTaskService.complete(fetchOne("record-transfer-returned").getId(), "guard-test");

    // the specialist approves; the leader sends back once, which clears the outcome, then approves
    completeUserTask(instance, "appraisal", "specialist:" + agency, Map.of("outcome", "approve"));
    completeUserTask(instance, "leader-approval", "leader:" + agency, Map.of("outcome", "send_back"));
    assertThat(runtimeService.getVariable(instance, "outcome")).isNull();
    completeUserTask(instance, "appraisal", "specialist:" + agency, Map.of("outcome", "approve"));
    completeUserTask(instance, "leader-approval", "leader:" + agency, Map.of("outcome", "approve"));

    externalTaskService.complete(fetchOne("record-result-ready").getId(), "guard-test");
    completeUserTask(instance, "return-result", "receptionist:" + agency, Map.of("returnMethod", "counter"));
    externalTaskService.complete(fetchOne("record-returned").getId(), "guard-test");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
  }

  LockedExternalTask fetchOne(String topic) {
    List<LockedExternalTask> tasks = externalTaskService.fetchAndLock(1, "guard-test")
        .topic(topic, 60_000)
        .businessKey("HS-GUARD-1")
        .execute();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  void completeUserTask(String instance, String key, String candidateGroup, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key)
        .taskCandidateGroup(candidateGroup).singleResult();
    assertThat(task).as("open task %s for %s", key, candidateGroup).isNotNull();
    taskService.complete(task.getId(), variables);
  }
}
