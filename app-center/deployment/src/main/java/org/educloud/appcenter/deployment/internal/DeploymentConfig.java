package org.educloud.appcenter.deployment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How this node deploys apps ({@code etc/org.educloud.appcenter.deployment.cfg}). */
@ObjectClassDefinition(name = "EduCloud app deployment")
public @interface DeploymentConfig {

    @AttributeDefinition(description = "This node's name in app_deployment; empty: the Karaf instance name (karaf.name)")
    String node() default "";

    @AttributeDefinition(description = "Where stored app packages are kept; empty: data/appcenter/packages of the kernel")
    String packageFolder() default "";

    @AttributeDefinition(description = "How long an installed or upgraded app has to become live before it is rolled back, in seconds")
    int liveTimeoutSeconds() default 60;

    @AttributeDefinition(description = "How often the whole desired state is applied again, in seconds (picks up changes made "
            + "through other nodes); 0: only at start and on changes made through this node")
    int reconcileIntervalSeconds() default 60;
}
