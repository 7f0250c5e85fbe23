package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
 * Boots the real application (in-memory H2, random port) and drives it over REST the
 * way the Node clients do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:engine-it;DB_CLOSE_DELAY=-1",
    "spring.datasource.username=sa",
    "spring.datasource.password=",
    "camunda.bpm.admin-user.id=tester",
    "camunda.bpm.admin-user.password=pw-123"
})
class EngineRestTest {

  // no historyTimeToLive on purpose: the configured default must apply
  static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                        id="Defs_it" targetNamespace="http://motcua.vn/bpmn">
        <bpmn:process id="it_process" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="verify"/>
          <bpmn:serviceTask id="verify" camunda:type="external" camunda:topic="it-verify"/>
          <bpmn:sequenceFlow id="f2" sourceRef="verify" targetRef="approve"/>
          <bpmn:userTask id="approve"/>
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Autowired
  TestRestTemplate rest;

  TestRestTemplate auth() {
    return rest.withBasicAuth("tester", "pw-123");
  }

  @Test
  void healthIsOpen() {
    ResponseEntity<String> r = rest.getForEntity("/actuator/health", String.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(r.getBody()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void restNeedsBasicAuth() {
    assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("tester", "wrong").getForEntity("/engine-rest/version", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // a wrong password must not lock the (shared service) user out
    assertThat(auth().getForEntity("/engine-rest/version", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(auth().getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @SuppressWarnings("unchecked")
  void deployWithoutTtlStartWithJsonVariablesAndSeeHistory() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "it");
    form.add("it.bpmn", new ByteArrayResource(BPMN.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "it.bpmn";
      }
    });
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<Map> deployed =
        auth().postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, multipart), Map.class);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Map<String, Object>> defs =
        (Map<String, Map<String, Object>>) deployed.getBody().get("deployedProcessDefinitions");
    assertThat(defs.values().iterator().next().get("historyTimeToLive")).isEqualTo(180);

    String start = """
        {"businessKey":"HS-IT","variables":{
          "applicant":{"type":"Object","value":"{\\"hoTen\\":\\"Trần Thị B\\"}",
            "valueInfo":{"objectTypeName":"java.util.LinkedHashMap","serializationDataFormat":"application/json"}},
          "receivedAt":{"type":"Date","value":"2026-01-15T08:30:00.000+0700"}}}
        """;
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map> instance = auth().postForEntity(
        "/engine-rest/process-definition/key/it_process/start", new HttpEntity<>(start, json), Map.class);
    assertThat(instance.getStatusCode()).isEqualTo(HttpStatus.OK);
    String pi = (String) instance.getBody().get("id");

    Map<String, Map<String, Object>> vars = auth().getForObject(
        "/engine-rest/process-instance/" + pi + "/variables?deserializeValues=false", Map.class);
    assertThat(((Map<String, Object>) vars.get("applicant").get("valueInfo")).get("serializationDataFormat"))
        .isEqualTo("application/json");
    assertThat((String) vars.get("applicant").get("value")).contains("Trần Thị B");
    assertThat(vars.get("receivedAt").get("type")).isEqualTo("Date");

    List<Map<String, Object>> history = auth().getForObject(
        "/engine-rest/history/activity-instance?processInstanceId=" + pi, List.class);
    assertThat(history).extracting(a -> a.get("activityId")).contains("start", "verify");
  }
}
