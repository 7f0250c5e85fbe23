package vn.motcua.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets several engine nodes start at the same time on one (possibly empty) PostgreSQL
 * database. Without it, two nodes that find no tables both run the create scripts and
 * one dies with "duplicate key value violates unique constraint" (seen in testing);
 * the same race exists for creating the admin user.
 *
 * A session-level advisory lock is taken after the engine configuration is
 * initialised, i.e. before the schema is created or updated, and released once the
 * engine is built (after the starter has created the admin user: this plugin runs
 * last). The second node waits, then finds the schema in place. The lock lives in the
 * database session, so a node that dies releases it. Other databases (H2) are left
 * alone: an H2 file cannot be shared by two processes anyway.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ClusterBootstrapLock extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterBootstrapLock.class);

  /** Arbitrary application-wide key: "MotCua" in ASCII. */
  static final long LOCK_KEY = 0x4D6F74437561L;
  private static final Duration MAX_WAIT = Duration.ofSeconds(180);

  private final DataSource dataSource;
  private Connection lockConnection;

  ClusterBootstrapLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      long deadline = System.nanoTime() + MAX_WAIT.toNanos();
      boolean logged = false;
      while (!tryLock(connection)) {
        if (System.nanoTime() > deadline) {
          LOG.warn("Engine bootstrap lock still held by another node after {}s; starting anyway", MAX_WAIT.toSeconds());
          connection.close();
          return;
        }
        if (!logged) {
          LOG.info("Another engine node is creating/upgrading the schema; waiting for it");
          logged = true;
        }
        Thread.sleep(500);
      }
      lockConnection = connection;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      // The engine's own schema step will report a database that is really unusable.
      LOG.warn("Could not take the engine bootstrap lock: {}", e.toString());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  @Override
  public void destroy() {
    release(); // engine build failed: do not keep the other nodes waiting
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      st.setLong(1, LOCK_KEY);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private synchronized void release() {
    if (lockConnection == null) {
      return;
    }
    try (Connection connection = lockConnection;
         PreparedStatement st = connection.prepareStatement("select pg_advisory_unlock(?)")) {
      st.setLong(1, LOCK_KEY);
      st.execute();
    } catch (SQLException e) {
      LOG.debug("Releasing the engine bootstrap lock: {}", e.toString());
    } finally {
      lockConnection = null;
    }
  }
}
