package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
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
 * code: it cannot reach Spring beans, run scripts or Java classes; and our own diagram still
 * deploys and runs. Same application context as {@link EngineRestTest} (same properties).
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
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", name);
    form.add(name + ".bpmn", new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
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

  void assertRefused(String name, String xml, String reason) {
    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> response = deploy(name, xml);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message"))
        .contains("The diagram is not allowed on this engine: ")
        .contains(reason);
    assertThat(configuration.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(name).count())
        .isZero();
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

  @Test
  void aDelegateExpressionOnTheDataSourceIsRefused() {
    assertRefused("delegates_to_data_source",
        diagram("delegates_to_data_source", around(
            "<bpmn:serviceTask id=\"work\" camunda:delegateExpression=\"${dataSource}\"/>")),
        "element \"work\": camunda:delegateExpression resolves a Java object from an expression for the engine to run");
  }

  @Test
  void aScriptTaskIsRefused() {
    assertRefused("runs_a_script",
        diagram("runs_a_script", around("""
            <bpmn:scriptTask id="work" scriptFormat="juel">
              <bpmn:script>${''.getClass().forName('java.lang.Runtime')}</bpmn:script>
            </bpmn:scriptTask>
            """)),
        "element \"work\": bpmn:scriptTask runs a script on the engine");
  }

  @Test
  void aScriptInAListenerIsRefused() {
    assertRefused("listener_script",
        diagram("listener_script", around("""
            <bpmn:userTask id="work">
              <bpmn:extensionElements>
                <camunda:executionListener event="start">
                  <camunda:script scriptFormat="groovy">println 'x'</camunda:script>
                </camunda:executionListener>
              </bpmn:extensionElements>
            </bpmn:userTask>
            """)),
        "element \"work\": camunda:script runs a script on the engine");
  }

  @Test
  void aJavaClassInTheLegacyActivitiNamespaceIsRefused() {
    assertRefused("activiti_class",
        diagram("activiti_class", around("""
            <bpmn:serviceTask xmlns:activiti="http://activiti.org/bpmn" id="work" activiti:class="java.lang.Object"/>
            """)),
        "element \"work\": activiti:class names a Java class for the engine to run");
  }

  @Test
  void aMethodCallInAnExpressionIsRefused() {
    assertRefused("calls_methods",
        diagram("calls_methods", around("""
            <bpmn:userTask id="work" camunda:assignee="${execution.getProcessEngineServices().getIdentityService()}"/>
            """)),
        "element \"work\": camunda:assignee: expression \"${execution.getProcessEngineServices().getIdentityService()}\""
            + " is not allowed");
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
