package vn.motcua.engine;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the ENGINE_* environment variables into the datasource settings, with
 * defaults that do not depend on the current working directory.
 *
 * <ul>
 *   <li>ENGINE_DB_URL set and non-blank: that JDBC URL is used as is (PostgreSQL in
 *       production; Spring picks the driver from the URL), with ENGINE_DB_USER /
 *       ENGINE_DB_PASSWORD; on PostgreSQL, its sessions run without JIT compilation
 *       ({@link #POSTGRESQL_WITHOUT_JIT}).</li>
 *   <li>otherwise: an H2 file database {@code <data dir>/engine.mv.db}, where the data
 *       dir is ENGINE_DATA_DIR (made absolute against the working directory) or, if
 *       unset, {@code <repo>/data/engine} found from the location of the jar
 *       ({@code <repo>/engine/target/motcua-engine.jar}).</li>
 * </ul>
 *
 * Done here rather than with {@code ${ENGINE_DB_URL:...}} placeholders because a
 * placeholder treats an empty variable (ENGINE_DB_URL="") as set, and because H2
 * refuses implicit relative paths.
 *
 * The values go in at the lowest precedence, so spring.datasource.* given as system
 * properties or command-line arguments (and the tests) still win.
 */
public class EngineEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "motcuaEngineEnvironment";

  /** The connection property that PostgreSQL's JDBC driver sends as the session's startup options. */
  static final String JDBC_OPTIONS = "spring.datasource.hikari.data-source-properties.options";

  /**
   * PostgreSQL sessions without JIT compilation: the engine's statements are short, and on a large
   * table of jobs PostgreSQL spent 656 ms compiling the plan of one job acquisition that ran in
   * 118 ms (docs/benchmarks.md). Only for PostgreSQL: H2 has no JIT and no such setting.
   * An {@code options} parameter in ENGINE_DB_URL wins over this one.
   */
  static final String POSTGRESQL_WITHOUT_JIT = "-c jit=off";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> props = new LinkedHashMap<>();

    Path dataDir = resolveDataDir(env.getProperty("ENGINE_DATA_DIR"));
    props.put("motcua.engine.data-dir", dataDir.toString());

    String dbUrl = blankToNull(env.getProperty("ENGINE_DB_URL"));
    if (dbUrl != null) {
      props.put("motcua.engine.db.url", dbUrl);
      props.put("motcua.engine.db.username", orDefault(env.getProperty("ENGINE_DB_USER"), ""));
      props.put("motcua.engine.db.password", orDefault(env.getProperty("ENGINE_DB_PASSWORD"), ""));
      if (dbUrl.startsWith("jdbc:postgresql:")) {
        props.put(JDBC_OPTIONS, POSTGRESQL_WITHOUT_JIT);
      }
    } else {
      // DB_CLOSE_ON_EXIT=FALSE: let Spring close the pool (and the engine stop its
      // job executor) before the database goes away, instead of H2's own shutdown hook.
      // H2 creates missing parent directories itself.
      // WRITE_DELAY=0: H2 otherwise writes committed transactions up to a second later, so a
      // kill -9 of the engine lost process instances whose start had already been answered
      // (found by test/faults/kill-nine.test.ts); with 0 a commit is on disk when it returns.
      props.put("motcua.engine.db.url",
          "jdbc:h2:file:" + dataDir.resolve("engine") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
      props.put("motcua.engine.db.username", orDefault(env.getProperty("ENGINE_DB_USER"), "sa"));
      props.put("motcua.engine.db.password", orDefault(env.getProperty("ENGINE_DB_PASSWORD"), ""));
    }

    env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, props));
  }

  static Path resolveDataDir(String configured) {
    String value = blankToNull(configured);
    if (value != null) {
      return Paths.get(value).toAbsolutePath().normalize();
    }
    return defaultDataDir(new ApplicationHome(EngineApplication.class).getDir().toPath());
  }

  /**
   * {@code <repo>/engine/target/motcua-engine.jar} (or {@code target/classes} when run
   * from Maven/IDE) gives {@code <repo>/data/engine}; a jar copied anywhere else keeps
   * its data next to itself in {@code data/engine}.
   */
  static Path defaultDataDir(Path home) {
    Path dir = home.toAbsolutePath().normalize();
    String name = fileName(dir);
    if ("classes".equals(name) || "test-classes".equals(name)) {
      dir = dir.getParent();
    }
    if ("target".equals(fileName(dir)) && dir.getParent() != null && dir.getParent().getParent() != null) {
      return dir.getParent().getParent().resolve("data").resolve("engine");
    }
    return home.toAbsolutePath().normalize().resolve("data").resolve("engine");
  }

  private static String fileName(Path p) {
    return (p == null || p.getFileName() == null) ? "" : p.getFileName().toString();
  }

  private static String blankToNull(String s) {
    return (s == null || s.isBlank()) ? null : s.trim();
  }

  private static String orDefault(String s, String def) {
    return s == null ? def : s;
  }
}
