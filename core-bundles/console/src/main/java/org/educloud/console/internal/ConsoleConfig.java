package org.educloud.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the console, in {@code etc/org.educloud.console.cfg}. */
@ObjectClassDefinition(pid = ConsoleConfig.PID, name = "EduCloud console")
public @interface ConsoleConfig {

    String PID = "org.educloud.console";

    @AttributeDefinition(description = "Rows per page of lists (accounts, catalog, audit events), 1 to 200")
    int pageSize() default 20;
}
