package org.educloud.sample.notices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.basedata.Person;
import org.educloud.sdk.basedata.SchoolClass;
import org.educloud.sdk.user.CurrentUser;

/**
 * Which notices a user reads: the whole-school notices of their school (a guardian: their
 * children's schools; staff: the schools they hold roles at) and the notices of their classes (a
 * guardian: their children's classes).
 *
 * @param schools the school paths whose whole-school notices they read
 * @param classes the ids of the classes whose notices they read
 */
record Readership(Set<String> schools, Set<String> classes) {

    /** A school's path has four levels: province, city, district, school. */
    static final int SCHOOL_DEPTH = 4;

    static Readership of(CurrentUser user, BasicDataView view) {
        Set<String> schools = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        Optional<Person> me = view.me();
        me.ifPresent(person -> add(view, person, schools, classes));
        me.filter(person -> person.role().equals("guardian"))
                .ifPresent(guardian -> view.childrenOf(guardian.id()).forEach(child -> add(view, child, schools, classes)));
        for (String org : user.orgs()) {
            String[] segments = org.substring(1).split("/");
            if (segments.length >= SCHOOL_DEPTH) {
                schools.add("/" + String.join("/", List.of(segments).subList(0, SCHOOL_DEPTH)));
            }
        }
        return new Readership(schools, classes);
    }

    private static void add(BasicDataView view, Person person, Set<String> schools, Set<String> classes) {
        schools.add(person.orgPath());
        for (SchoolClass schoolClass : view.classesOf(person.id())) {
            classes.add(schoolClass.id());
            schools.add(schoolClass.orgPath());
        }
    }
}
