package org.educloud.persistence.embedded.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.educloud.persistence.embedded.cfg}: the MariaDB the kernel runs when no external one is set. */
@ObjectClassDefinition(name = "EduCloud embedded database", description = "MariaDB run by the kernel itself when no external database url is configured")
public @interface EmbeddedDatabaseConfig {

    @AttributeDefinition(description = "TCP port on 127.0.0.1; pick another if it is taken", min = "1", max = "65535")
    int port() default 3307;

    @AttributeDefinition(description = "Folder of the MariaDB binaries (bin/, scripts/, share/). Empty: <karaf.home>/mariadb")
    String binaries() default "";

    @AttributeDefinition(description = "Folder of the database files. Empty: <karaf.data>/mariadb")
    String dataDir() default "";

    @AttributeDefinition(description = "Name of the database the kernel uses")
    String database() default "educloud";
}
