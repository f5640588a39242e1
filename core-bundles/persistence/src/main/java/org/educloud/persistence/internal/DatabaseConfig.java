package org.educloud.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.educloud.persistence.cfg}. Each value can be overridden by an environment
 * variable ({@code EDUCLOUD_DB_URL}, {@code EDUCLOUD_DB_USER}, {@code EDUCLOUD_DB_PASSWORD},
 * {@code EDUCLOUD_DB_POOL_SIZE}), which wins over the file.
 */
@ObjectClassDefinition(name = "EduCloud database", description = "The database every kernel bundle and app shares")
public @interface DatabaseConfig {

    @AttributeDefinition(description = "JDBC URL of an external MariaDB, e.g. jdbc:mariadb://db.example:3306/educloud. "
            + "Empty: run the embedded MariaDB")
    String url() default "";

    @AttributeDefinition(description = "User of the external database")
    String user() default "educloud";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password of the external database user")
    String password() default "";

    @AttributeDefinition(description = "Largest number of pooled connections", min = "1", max = "500")
    int poolSize() default 10;

    @AttributeDefinition(description = "Milliseconds to wait for a connection before reporting the database down", min = "250")
    long connectionTimeoutMillis() default 3000;
}
