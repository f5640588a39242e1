package org.educloud.basedata.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the basic data, in {@code etc/org.educloud.basedata.cfg}. */
@ObjectClassDefinition(pid = BasedataConfig.PID, name = "EduCloud basic data")
public @interface BasedataConfig {

    String PID = "org.educloud.basedata";

    @AttributeDefinition(description = "The key ID numbers are encrypted with: 32 random bytes in base64, "
            + "made with `openssl rand -base64 32`. The same on every node; back it up: without it no stored ID "
            + "number can be read. EDUCLOUD_ID_NUMBER_KEY wins over this setting.")
    String idNumberKey() default "";

    @AttributeDefinition(description = "When no key is set and no ID number is stored yet, generate a key and write it "
            + "into this file (the plain run). Set false where every node must share one key set by the operator.")
    boolean generateKeyWhenMissing() default false;

    @AttributeDefinition(description = "The largest upload POST /api/basedata/v1/imports takes, in megabytes; a larger one is "
            + "refused with 413 (import it at the shell with data:import instead, which reads the file in place).")
    long importMaxMegabytes() default 1024;

    @AttributeDefinition(description = "Connections an import writes its batches on while it reads and checks the next ones "
            + "(0 to 8, each held for the whole import besides the import's own; 0 writes each batch before the next is "
            + "read: slower, but one connection).", min = "0", max = "8")
    int importWriters() default 2;
}
