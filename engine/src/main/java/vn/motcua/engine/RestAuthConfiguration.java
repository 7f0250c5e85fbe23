package vn.motcua.engine;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic authentication for the whole REST API, the standard Camunda 7 way: the
 * engine's own {@link ProcessEngineAuthenticationFilter} checks the credentials
 * against the engine's identity service (users live in the engine database; the
 * admin user is created at start from ENGINE_ADMIN_USER / ENGINE_ADMIN_PASSWORD).
 *
 * Every path under /engine-rest/ is covered, including GET /engine-rest/engine and
 * /engine-rest/version. /actuator/health stays open for health checks (it only
 * says UP/DOWN).
 *
 * Authorization checks (camunda.bpm.authorization) stay off: every authenticated
 * user may do everything, which is what the server-side Node clients need.
 */
@Configuration(proxyBeanMethods = false)
public class RestAuthConfiguration {

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestBasicAuthFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("motcua-engine-rest-basic-auth");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    // Lets the filter find the engine name in /engine-rest/engine/{name}/... paths.
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
    registration.addUrlPatterns("/engine-rest/*");
    // Run early: reject before any other work is done for the request.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.setAsyncSupported(true); // long-polling fetchAndLock of external tasks is async
    return registration;
  }
}
