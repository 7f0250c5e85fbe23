package vn.motcua.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Một Cửa BPMN engine: an embedded Camunda 7 (CE 7.24) process engine whose only
 * interface is the REST API at /engine-rest (HTTP Basic auth) plus an
 * unauthenticated /actuator/health. Processes are deployed over REST by the
 * Node orchestration; nothing is auto-deployed from the classpath.
 *
 * All configuration comes from environment variables, see application.yml,
 * {@link EngineEnvironmentPostProcessor} and README.md.
 */
@SpringBootApplication
public class EngineApplication {

  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
