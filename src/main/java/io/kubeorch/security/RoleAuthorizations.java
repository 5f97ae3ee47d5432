package io.kubeorch.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.model.Roles;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * kubeorch's roles as Camunda groups with Camunda authorizations, created at start-up (and
 * completed, if an administrator removed some of their permissions): the same authorizations then
 * hold in the web apps, in {@code /engine-rest} and, through {@link ApiAccess}, in {@code /api}.
 *
 * <p>Process definitions are granted by resource id {@code *}, not per key: every process kubeorch
 * deploys (the install and its node processes, and any operation added later) is covered the
 * moment it is deployed, with nothing to keep in step with the deployments. The engine runs only
 * kubeorch's processes, so {@code *} grants nothing beyond them.
 */
@Component
public class RoleAuthorizations extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoleAuthorizations.class);
    private static final String APPLICATION_COCKPIT = "cockpit";
    private static final String APPLICATION_TASKLIST = "tasklist";

    /** What reading needs: a viewer has it. */
    static final Permission READ = ProcessDefinitionPermissions.READ_HISTORY;
    /** What changing needs: an operator has them (start, approve or decide). */
    static final List<Permission> OPERATE = List.of(ProcessDefinitionPermissions.CREATE_INSTANCE,
            ProcessDefinitionPermissions.TASK_WORK);

    /** One role: its group's name and what it may do, by resource and resource id. */
    record Role(String group, String name, Map<Resource, Map<String, List<Permission>>> grants) {
    }

    /** What every role may: the web apps a person works in, and reading every operation. */
    private static final List<Permission> READ_DEFINITIONS = List.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
            ProcessDefinitionPermissions.READ_HISTORY);

    static final Role OPERATORS = new Role(Roles.OPERATORS, "Operators", grants(List.of(
            // start
            ProcessDefinitionPermissions.CREATE_INSTANCE,
            // approve and decide: claim and complete tasks, hand them to a colleague
            ProcessDefinitionPermissions.TASK_WORK,
            ProcessDefinitionPermissions.TASK_ASSIGN,
            // retry incidents: external tasks' retries are an update of the instance, jobs' their own
            ProcessDefinitionPermissions.UPDATE_INSTANCE,
            ProcessDefinitionPermissions.RETRY_JOB,
            // cancel
            ProcessDefinitionPermissions.DELETE_INSTANCE),
            Map.of(Resources.PROCESS_INSTANCE, Map.of(Authorization.ANY, List.of(ProcessInstancePermissions.CREATE)))));

    static final Role VIEWERS = new Role(Roles.VIEWERS, "Viewers", grants(List.of(), Map.of()));

    private static Map<Resource, Map<String, List<Permission>>> grants(List<Permission> onDefinitions,
            Map<Resource, Map<String, List<Permission>>> more) {
        List<Permission> definitions = new ArrayList<>(READ_DEFINITIONS);
        definitions.addAll(onDefinitions);
        Map<Resource, Map<String, List<Permission>>> grants = new LinkedHashMap<>(Map.of(
                Resources.APPLICATION, Map.of(
                        APPLICATION_COCKPIT, List.of(Permissions.ACCESS),
                        APPLICATION_TASKLIST, List.of(Permissions.ACCESS)),
                Resources.PROCESS_DEFINITION, Map.of(Authorization.ANY, definitions),
                Resources.DEPLOYMENT, Map.of(Authorization.ANY, List.of(Permissions.READ)),
                Resources.FILTER, Map.of(Authorization.ANY, List.of(Permissions.READ))));
        grants.putAll(more);
        return grants;
    }

    private AuthorizationService authorizations;

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        authorizations = engine.getAuthorizationService();
        for (Role role : List.of(OPERATORS, VIEWERS)) {
            ensure(engine.getIdentityService(), role);
        }
    }

    private void ensure(IdentityService identity, Role role) {
        if (identity.createGroupQuery().groupId(role.group()).count() == 0) {
            Group group = identity.newGroup(role.group());
            group.setName("kubeorch " + role.name());
            group.setType(Groups.GROUP_TYPE_WORKFLOW);
            identity.saveGroup(group);
            log.info("Created the group '{}'", role.group());
        }
        role.grants().forEach((resource, byId) -> byId.forEach((resourceId, permissions) -> {
            Authorization grant = authorizations.createAuthorizationQuery().groupIdIn(role.group())
                    .resourceType(resource).resourceId(resourceId).authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .singleResult();
            boolean isNew = grant == null;
            if (isNew) {
                grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                grant.setGroupId(role.group());
                grant.setResource(resource);
                grant.setResourceId(resourceId);
            }
            boolean changed = isNew;
            for (Permission permission : permissions) {
                if (!grant.isPermissionGranted(permission)) {
                    grant.addPermission(permission);
                    changed = true;
                }
            }
            if (changed) {
                authorizations.saveAuthorization(grant);
            }
        }));
    }

    /** Whether the user may read what kubeorch shows: a viewer, an operator or an administrator. */
    boolean canRead(String userId, List<String> groupIds) {
        return authorizations.isUserAuthorized(userId, groupIds, READ, Resources.PROCESS_DEFINITION, Authorization.ANY);
    }

    /** Whether the user may start operations and take their decisions: an operator or an administrator. */
    boolean canOperate(String userId, List<String> groupIds) {
        return OPERATE.stream().allMatch(permission -> authorizations.isUserAuthorized(userId, groupIds, permission,
                Resources.PROCESS_DEFINITION, Authorization.ANY));
    }
}
