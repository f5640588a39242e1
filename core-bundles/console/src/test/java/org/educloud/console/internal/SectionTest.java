package org.educloud.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SectionTest {

    private static Set<Section> sections(RolePermissions caller) {
        Set<Section> allowed = EnumSet.noneOf(Section.class);
        for (Section section : Section.values()) {
            if (section.allows(caller)) {
                allowed.add(section);
            }
        }
        return allowed;
    }

    @Test
    void eachRoleSeesTheSectionsItsPermissionsServe() {
        assertEquals(EnumSet.allOf(Section.class), sections(RolePermissionsTest.of("operator@/")));
        assertEquals(EnumSet.of(Section.HOME, Section.USERS, Section.ORGS, Section.APPS, Section.AUDIT),
                sections(RolePermissionsTest.of("school-admin@/37/3701/370102/3701020001")), "no health: it is the region's");
        assertEquals(EnumSet.of(Section.HOME, Section.APPS), sections(RolePermissionsTest.of("vendor@/v/acme")));
    }

    @Test
    void aTeacherMayNotUseTheConsoleAtAll() {
        assertEquals(EnumSet.noneOf(Section.class), sections(RolePermissionsTest.of("teacher@/37/3701/370102/3701020001")),
                "reading orgs alone does not open the org tree");
    }
}
