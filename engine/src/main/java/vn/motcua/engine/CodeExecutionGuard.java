package vn.motcua.engine;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps what deployments and REST callers send from running code on the engine, its JVM and its
 * database, even for someone holding the engine's admin credentials:
 *
 * <ul>
 *   <li>Expressions and scripts see no Spring bean. The starter's ProcessEngineFactoryBean builds
 *       a SpringExpressionManager from the configuration's bean map before any plugin runs, and
 *       with no map (the default) it resolves every bean of the application context:
 *       {@code ${dataSource}}, {@code ${identityService}}... So the bean map is set to an empty
 *       one here and the expression manager is rebuilt with it (an empty, non-default map also
 *       keeps SpringProcessEngineConfiguration from adding its bean resolver for scripts).</li>
 *   <li>Every BPMN deployment is checked against {@link DiagramPolicy} as soon as its XML is read,
 *       before the engine interprets any element ({@link DiagramPolicyBpmnParse}).</li>
 *   <li>No script engine is found for any language ({@link NoScriptEngines}): Camunda 7 has no
 *       switch that turns scripting off.</li>
 *   <li>CMMN and DMN are switched off: their models carry listeners, expressions and scripts the
 *       BPMN check does not see, and our procedures use neither.</li>
 *   <li>Query expressions ({@code dueDateExpression=${...}} in ad-hoc and saved-filter task
 *       queries) are switched off: the engine would evaluate them for a REST caller.</li>
 * </ul>
 *
 * Applied after the starter's own configuration (generic properties included), so no setting in
 * application.yml can undo it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class CodeExecutionGuard extends AbstractProcessEnginePlugin {

  private final ApplicationContext applicationContext;

  CodeExecutionGuard(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<Object, Object> noBeans = new HashMap<>();
    configuration.setBeans(noBeans);
    configuration.setExpressionManager(new SpringExpressionManager(applicationContext, noBeans));

    configuration.setBpmnParseFactory(DiagramPolicyBpmnParse::new);

    configuration.setScriptEngineResolver(new NoScriptEngines());

    configuration.setCmmnEnabled(false);
    configuration.setDmnEnabled(false);

    configuration.setEnableExpressionsInAdhocQueries(false);
    configuration.setEnableExpressionsInStoredQueries(false);
  }
}
