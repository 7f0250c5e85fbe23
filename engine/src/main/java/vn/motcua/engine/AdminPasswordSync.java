package vn.motcua.engine;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The starter (camunda.bpm.admin-user.*) creates the admin user only when it does not
 * exist yet, so a changed ENGINE_ADMIN_PASSWORD would silently keep the old password
 * in an existing database. This sets the configured password on start when it differs.
 *
 * Best effort: a failure (e.g. another node updating the same user at the same moment)
 * is logged and does not stop the engine.
 */
@Component
class AdminPasswordSync implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AdminPasswordSync.class);

  private final IdentityService identityService;
  private final CamundaBpmProperties properties;

  AdminPasswordSync(IdentityService identityService, CamundaBpmProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    AdminUserProperty admin = properties.getAdminUser();
    if (admin == null || admin.getId() == null || admin.getPassword() == null) {
      return;
    }
    try {
      if (identityService.createUserQuery().userId(admin.getId()).count() == 0
          || identityService.checkPassword(admin.getId(), admin.getPassword())) {
        return;
      }
      // read it again: the failed check above updated the user (attempt counter)
      User user = identityService.createUserQuery().userId(admin.getId()).singleResult();
      user.setPassword(admin.getPassword());
      identityService.saveUser(user);
      // the failed check above counted as a failed login attempt
      identityService.unlockUser(admin.getId());
      LOG.info("Password of admin user '{}' updated from configuration", admin.getId());
    } catch (RuntimeException e) {
      LOG.warn("Could not sync the password of admin user '{}': {}", admin.getId(), e.toString());
    }
  }
}
