package vn.motcua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The engine's connection pool as the application configures it (application.yml, the ENGINE_*
 * variables turned into settings by EngineEnvironmentPostProcessor, Spring Boot's Hikari), without
 * the engine itself: on the machine's PostgreSQL (TEST_PG_URL, as the Node tests use it; default
 * postgresql://postgres@127.0.0.1:5432/postgres) its sessions run with jit off, and on H2 it
 * connects as before.
 */
class DatabaseSessionTest {

  /** The machine's PostgreSQL as a JDBC URL and a user. */
  record Postgres(String jdbcUrl, String user) {
    static Postgres ofMachine() {
      String url = System.getenv().getOrDefault("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
      URI uri = URI.create(url);
      String user = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0];
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      return new Postgres("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath(), user);
    }
  }

  /** The value of a setting in a session of the pool the application builds from these arguments. */
  static String settingOfPool(String setting, String... arguments) throws Exception {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DataSourceAutoConfiguration.class)
        .web(WebApplicationType.NONE)
        .run(arguments);
        Connection connection = context.getBean(DataSource.class).getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(setting)) {
      result.next();
      return result.getString(1);
    }
  }

  @Test
  void postgresqlSessionsRunWithoutJit() throws Exception {
    Postgres postgres = Postgres.ofMachine();
    // PostgreSQL's default, and this machine's: a session that asks for nothing compiles with JIT
    assertThat(settingOfPool("SHOW jit", "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.user())).isEqualTo("on");
    assertThat(settingOfPool("SHOW jit", "--ENGINE_DB_URL=" + postgres.jdbcUrl(),
        "--ENGINE_DB_USER=" + postgres.user())).isEqualTo("off");
  }

  @Test
  void anOptionsParameterOfTheUrlWins() throws Exception {
    Postgres postgres = Postgres.ofMachine();
    assertThat(settingOfPool("SHOW jit", "--ENGINE_DB_URL=" + postgres.jdbcUrl() + "?options=-c%20jit=on",
        "--ENGINE_DB_USER=" + postgres.user())).isEqualTo("on");
  }

  @Test
  void h2ConnectsAsBefore(@TempDir Path dataDir) throws Exception {
    assertThat(settingOfPool("SELECT 1", "--ENGINE_DATA_DIR=" + dataDir)).isEqualTo("1");
  }
}
