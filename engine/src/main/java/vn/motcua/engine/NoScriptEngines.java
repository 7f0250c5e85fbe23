package vn.motcua.engine;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * A script engine resolver that finds none, so that a script reaching the engine in spite of
 * {@link DiagramPolicy} still cannot run: the engine answers "no script engine found" for every
 * language. The classpath does hold script engines (the engine's own JUEL one, which may call any
 * Java method, and FEEL).
 */
class NoScriptEngines implements ScriptEngineResolver {

  /** Finds no engine either: its class loader (the bootstrap one) sees no script engine on our classpath. */
  private final ScriptEngineManager emptyManager = new ScriptEngineManager(null);

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory factory) {
    // engines offered at run time (by plugins) are not registered either
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return emptyManager;
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    return null;
  }
}
