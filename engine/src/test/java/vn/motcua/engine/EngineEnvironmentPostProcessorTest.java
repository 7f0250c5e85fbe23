package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class EngineEnvironmentPostProcessorTest {

  @Test
  void defaultDataDirIsRepoDataEngineForJarInTarget() {
    assertThat(EngineEnvironmentPostProcessor.defaultDataDir(Path.of("/repo/engine/target")))
        .isEqualTo(Path.of("/repo/data/engine"));
    assertThat(EngineEnvironmentPostProcessor.defaultDataDir(Path.of("/repo/engine/target/classes")))
        .isEqualTo(Path.of("/repo/data/engine"));
  }

  @Test
  void defaultDataDirIsNextToAJarCopiedElsewhere() {
    assertThat(EngineEnvironmentPostProcessor.defaultDataDir(Path.of("/opt/app")))
        .isEqualTo(Path.of("/opt/app/data/engine"));
  }

  @Test
  void h2InDataDirWhenNoDbUrl() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("ENGINE_DATA_DIR", "/var/lib/motcua")
        .withProperty("ENGINE_DB_URL", "  "); // blank counts as unset
    new EngineEnvironmentPostProcessor().postProcessEnvironment(env, null);
    assertThat(env.getProperty("motcua.engine.db.url"))
        .isEqualTo("jdbc:h2:file:/var/lib/motcua/engine;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    assertThat(env.getProperty("motcua.engine.db.username")).isEqualTo("sa");
    assertThat(env.getProperty(EngineEnvironmentPostProcessor.JDBC_OPTIONS)).isNull();
  }

  @Test
  void relativeDataDirIsMadeAbsolute() {
    MockEnvironment env = new MockEnvironment().withProperty("ENGINE_DATA_DIR", "some/rel");
    new EngineEnvironmentPostProcessor().postProcessEnvironment(env, null);
    assertThat(Path.of(env.getProperty("motcua.engine.data-dir")).isAbsolute()).isTrue();
  }

  @Test
  void postgresWhenDbUrlSet() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("ENGINE_DB_URL", "jdbc:postgresql://db:5432/engine")
        .withProperty("ENGINE_DB_USER", "engine")
        .withProperty("ENGINE_DB_PASSWORD", "s3cret");
    new EngineEnvironmentPostProcessor().postProcessEnvironment(env, null);
    assertThat(env.getProperty("motcua.engine.db.url")).isEqualTo("jdbc:postgresql://db:5432/engine");
    assertThat(env.getProperty("motcua.engine.db.username")).isEqualTo("engine");
    assertThat(env.getProperty("motcua.engine.db.password")).isEqualTo("s3cret");
    assertThat(env.getProperty(EngineEnvironmentPostProcessor.JDBC_OPTIONS)).isEqualTo("-c jit=off");
  }

  @Test
  void explicitSpringDatasourceStillWins() {
    StandardEnvironment env = new StandardEnvironment();
    new EngineEnvironmentPostProcessor().postProcessEnvironment(env, null);
    assertThat(env.getPropertySources().stream().reduce((a, b) -> b).orElseThrow().getName())
        .isEqualTo(EngineEnvironmentPostProcessor.SOURCE_NAME);
  }
}
