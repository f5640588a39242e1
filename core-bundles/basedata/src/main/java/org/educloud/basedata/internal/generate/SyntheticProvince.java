package org.educloud.basedata.internal.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Curriculum;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.BulkLoads;
import org.educloud.basedata.internal.PeopleLoad;
import org.educloud.basedata.internal.PlannerStatistics;
import org.educloud.basedata.internal.generate.ProvinceFigures.Stage;
import org.educloud.identity.Caller;

/**
 * Builds a realistic province through the basic-data services and their bulk paths (so every
 * rule, the encryption of ID numbers and the change feed apply): cities, districts, schools of every stage in
 * the seed's proportions, a school year, classes per grade, students with their status, valid ID
 * and registry numbers and about 1.3 guardians each, teachers and staff, and enrollments. The same
 * seed and scale always give the same province.
 */
public final class SyntheticProvince {

    static final int SCHOOL_YEAR = 2026;
    /** People per bulk transaction (with their guardian relations and enrollments). */
    private static final int BATCH = 2000;

    /** Told how far the build is. */
    public interface Progress {
        void report(String phase, long done, long total);
    }

    /** What was made. */
    public record Counts(int cities, int districts, int schools, int classes, int students, int guardians, int teachers, int staff,
            int enrollments) {
    }

    private final OrgDirectory orgs;
    private final ClassRoster roster;
    private final Curriculum curriculum;
    private final Caller caller;
    private final BulkLoads bulk;
    private final Random random;
    // Its own sequence, so ids do not shift what the seed makes.
    private final Random ids;
    private final List<PeopleLoad.Row> pendingPeople = new ArrayList<>();
    private final List<GuardianRelation> pendingRelations = new ArrayList<>();
    private final List<Enrollment> pendingEnrollments = new ArrayList<>();
    private final ChineseNames names;
    private final Map<String, Integer> idSequence = new HashMap<>();
    private int classes;
    private int students;
    private int guardians;
    private int teachers;
    private int staff;
    private int enrollments;

    /**
     * @param bulk people, guardian relations and enrollments are written through the bulk path, a few
     *             thousand rows a transaction; orgs, the school year and classes through the services
     */
    public SyntheticProvince(OrgDirectory orgs, ClassRoster roster, Curriculum curriculum, BulkLoads bulk,
            Caller caller, long seed) {
        this.orgs = orgs;
        this.bulk = bulk;
        this.ids = new Random(seed * 31 + 7);
        this.roster = roster;
        this.curriculum = curriculum;
        this.caller = caller;
        this.random = new Random(seed);
        this.names = new ChineseNames(random);
    }

    /** How many schools of each stage a scale gives (at least one of each, so every stage is there). */
    public static Map<String, Integer> schoolsAt(double scale) {
        Map<String, Integer> counts = new HashMap<>();
        for (Stage stage : ProvinceFigures.STAGES) {
            counts.put(stage.stage(), Math.max(1, (int) Math.round(stage.schools() * scale)));
        }
        return counts;
    }

    /** How many districts hold that many schools: about ten schools each, at least one per city, at most the province's. */
    public static int districtsFor(int schools) {
        return Math.max(ProvinceFigures.CITIES.size(), Math.min(ProvinceFigures.DISTRICTS, Math.round(schools / 10f)));
    }

    /**
     * Builds the province. {@code scale} is the share of the real province (1 = all 33,000
     * schools); {@code studentCap} caps the students of one school (0 = no cap) for quick samples.
     */
    public Counts generate(double scale, int studentCap, Progress progress) {
        if (scale <= 0 || scale > 1) {
            throw new BasedataProblem(BasedataProblem.Kind.INVALID, "scale", "scale must be above 0 and at most 1 (the whole "
                    + "province), e.g. 0.001 for about 33 schools and 16,000 students; got " + scale);
        }
        if (orgs.findByCode(caller, ProvinceFigures.PROVINCE_CODE).isPresent()) {
            throw new BasedataProblem(BasedataProblem.Kind.CONFLICT, "province", "province " + ProvinceFigures.PROVINCE_CODE
                    + " already exists: data:generate builds a province from nothing, so run it against a new database");
        }
        Map<String, Integer> schoolsByStage = schoolsAt(scale);
        int schoolTotal = schoolsByStage.values().stream().mapToInt(Integer::intValue).sum();
        Org province = orgs.create(caller, org(OrgKind.PROVINCE, ProvinceFigures.PROVINCE_CODE, ProvinceFigures.PROVINCE_NAME, null));
        List<Org> cities = new ArrayList<>();
        for (String[] city : ProvinceFigures.CITIES) {
            cities.add(orgs.create(caller, org(OrgKind.CITY, city[0], city[1], province.sourcedId())));
        }
        List<Org> districts = new ArrayList<>();
        int districtCount = districtsFor(schoolTotal);
        for (int i = 0; i < districtCount; i++) {
            Org city = cities.get(i % cities.size());
            String code = city.code() + String.format("%02d", i / cities.size() + 1);
            districts.add(orgs.create(caller, org(OrgKind.DISTRICT, code, names.district(i), city.sourcedId())));
        }
        AcademicSession year = curriculum.createSession(caller, new AcademicSession(null, province.sourcedId(), null,
                SCHOOL_YEAR + "学年", "schoolYear", SCHOOL_YEAR, LocalDate.of(SCHOOL_YEAR, 9, 1), LocalDate.of(SCHOOL_YEAR + 1, 7, 15),
                null, 0, null, null));
        Map<String, Integer> schoolNumbers = new HashMap<>();
        int made = 0;
        for (Stage stage : ProvinceFigures.STAGES) {
            for (int i = 0; i < schoolsByStage.get(stage.stage()); i++) {
                Org district = districts.get(random.nextInt(districts.size()));
                int number = schoolNumbers.merge(district.code(), 1, Integer::sum);
                school(stage, district, number, year, studentCap);
                progress.report("schools", ++made, schoolTotal);
            }
        }
        flush();
        bulk.transaction(PlannerStatistics::refresh); // the tables grew from nothing: the planner must know
        return new Counts(cities.size(), districts.size(), made, classes, students, guardians, teachers, staff, enrollments);
    }

    private void school(Stage stage, Org district, int number, AcademicSession year, int studentCap) {
        String code = district.code() + String.format("%04d", number);
        boolean privateSchool = random.nextInt(34_285) < 8_226;
        String locale = new String[] {"urban", "urban", "town", "rural"}[random.nextInt(4)];
        Org school = orgs.create(caller, new Org(null, OrgKind.SCHOOL, code, names.school(district.name(), stage.stage(), number),
                district.sourcedId(), null, stage.stage(), privateSchool ? "private" : "public", locale, 0, null, null));
        int pupils = vary(stage.students() / stage.schools());
        int employees = vary(stage.staff() / stage.schools());
        if (studentCap > 0 && pupils > studentCap) {
            employees = Math.max(stage.grades().size(), employees * studentCap / pupils);
            pupils = studentCap;
        }
        List<Person> schoolTeachers = new ArrayList<>();
        for (int i = 0; i < employees; i++) {
            boolean teacher = i < Math.max(1, employees * 4 / 5);
            schoolTeachers.add(employee(school, district, teacher, i + 1));
        }
        int perGrade = Math.max(1, pupils / stage.grades().size());
        for (int g = 0; g < stage.grades().size(); g++) {
            int entryYear = SCHOOL_YEAR - g;
            int classCount = Math.max(1, (perGrade + stage.classSize() - 1) / stage.classSize());
            for (int c = 0; c < classCount; c++) {
                SchoolClass schoolClass = roster.createClass(caller, new SchoolClass(null, school.sourcedId(), null,
                        entryYear + "级" + String.format("%02d", c + 1) + "班", entryYear + "-" + String.format("%02d", c + 1), "homeroom",
                        stage.grades().get(g), entryYear, year.sourcedId(), null, 0, null, null));
                classes++;
                Person head = schoolTeachers.get((g * classCount + c) % schoolTeachers.size());
                enroll(schoolClass, head, "teacher", true);
                int size = Math.min(stage.classSize(), perGrade - c * stage.classSize());
                for (int s = 0; s < size; s++) {
                    Person student = student(school, district, stage.entryAge() + g, entryYear);
                    enroll(schoolClass, student, "student", false);
                }
            }
        }
    }

    private Person employee(Org school, Org district, boolean teacher, int sequence) {
        boolean male = random.nextInt(10) < 3;
        LocalDate birth = LocalDate.of(SCHOOL_YEAR - 24 - random.nextInt(36), 1 + random.nextInt(12), 1 + random.nextInt(28));
        Person person = create(new Person(newId(), teacher ? PersonRole.TEACHER : PersonRole.STAFF, school.sourcedId(), null,
                names.familyName(), names.givenName(male), male ? "male" : "female", birth, idNumber(district.code(), birth, male),
                null, (teacher ? "T" : "S") + school.code() + String.format("%03d", sequence), null, null, null, null, 0, null, null));
        if (teacher) {
            teachers++;
        } else {
            staff++;
        }
        return person;
    }

    private Person student(Org school, Org district, int age, int entryYear) {
        boolean male = random.nextInt(100) < 54; // 7.7 of 16.7 million students are girls (the seed's 2018 figures)
        LocalDate birth = LocalDate.of(SCHOOL_YEAR - age - (random.nextInt(3) == 0 ? 1 : 0), 1 + random.nextInt(12), 1 + random.nextInt(28));
        NationalId id = idNumber(district.code(), birth, male);
        String family = names.familyName();
        boolean migrant = chance(8);
        String household = migrant ? new String[] {"河南省", "河北省", "江苏省", "安徽省"}[random.nextInt(4)] + names.district(random.nextInt(100))
                : ProvinceFigures.PROVINCE_NAME + district.name();
        // The national student registry number (全国学籍号) is G followed by the ID number.
        StudentStatus status = new StudentStatus("G" + id.value(), LocalDate.of(entryYear, 9, 1), household, names.address(), migrant,
                chance(5), chance(0.1), chance(0.5), chance(0.1), chance(10));
        Person student = create(new Person(newId(), PersonRole.STUDENT, school.sourcedId(), null, family,
                names.givenName(male), male ? "male" : "female", birth, id, null, null, null, null, status, null, 0, null, null));
        students++;
        guardiansOf(student, school, district, family);
        return student;
    }

    /** About 1.3 guardians a student: one parent, or both, now and then a grandparent instead. */
    private void guardiansOf(Person student, Org school, Org district, String family) {
        List<String[]> relations = new ArrayList<>();
        int roll = random.nextInt(100);
        if (roll < 5) {
            relations.add(new String[] {String.valueOf(61 + random.nextInt(4)), random.nextBoolean() ? "male" : "female"});
        } else if (roll < 30) {
            relations.add(new String[] {"51", "male"});
            relations.add(new String[] {"52", "female"});
        } else {
            relations.add(random.nextBoolean() ? new String[] {"51", "male"} : new String[] {"52", "female"});
        }
        for (int i = 0; i < relations.size(); i++) {
            boolean male = relations.get(i)[1].equals("male");
            boolean grandparent = relations.get(i)[0].startsWith("6");
            LocalDate birth = LocalDate.of(student.birthDate().getYear() - (grandparent ? 50 + random.nextInt(12) : 24 + random.nextInt(14)),
                    1 + random.nextInt(12), 1 + random.nextInt(28));
            Person guardian = create(new Person(newId(), PersonRole.GUARDIAN, school.sourcedId(), null,
                    relations.get(i)[0].equals("51") ? family : names.familyName(), names.givenName(male), relations.get(i)[1], birth,
                    idNumber(district.code(), birth, male), null, null, "1" + (30 + random.nextInt(60)) + String.format("%08d",
                            random.nextInt(100_000_000)), null, null, null, 0, null, null));
            pendingRelations.add(new GuardianRelation(newId(), guardian.sourcedId(), student.sourcedId(), relations.get(i)[0], i == 0,
                    null, null, 0, null, null));
            guardians++;
        }
    }

    private void enroll(SchoolClass schoolClass, Person person, String role, boolean primary) {
        pendingEnrollments.add(new Enrollment(newId(), schoolClass.sourcedId(), person.sourcedId(), role, primary,
                LocalDate.of(SCHOOL_YEAR, 9, 1), null, null, 0, null, null));
        enrollments++;
        if (pendingPeople.size() >= BATCH) {
            flush();
        }
    }

    /** A person, written with the next batch. */
    private Person create(Person person) {
        pendingPeople.add(new PeopleLoad.Row(person.sourcedId(), stored -> person));
        return person;
    }

    /** Writes the people, then the relations and enrollments that name them, in one transaction. */
    private void flush() {
        bulk.transaction(connection -> {
            BulkLoads.requireAll(bulk.people().load(connection, caller, pendingPeople), "person");
            BulkLoads.requireAll(bulk.relations().load(connection, caller, pendingRelations), "guardian relation");
            BulkLoads.requireAll(bulk.enrollments().load(connection, caller, pendingEnrollments), "enrollment");
        });
        pendingPeople.clear();
        pendingRelations.clear();
        pendingEnrollments.clear();
    }

    private String newId() {
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }

    /** A valid ID number issued in the district, unique: the sequence counts up per district and birth date. */
    private NationalId idNumber(String districtCode, LocalDate birth, boolean male) {
        String key = districtCode + birth;
        int next = idSequence.merge(key, 1, Integer::sum);
        int sequence = (next * 2 - (male ? 1 : 0)) % 1000; // the last digit is odd for men, even for women
        String first17 = districtCode + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + String.format("%03d", sequence);
        return NationalId.parse(first17 + NationalId.checkDigit(first17));
    }

    private boolean chance(double percent) {
        return random.nextDouble() * 100 < percent;
    }

    /** A figure give or take a fifth, never below one. */
    private int vary(int average) {
        return Math.max(1, (int) Math.round(average * (0.8 + 0.4 * random.nextDouble())));
    }

    private static Org org(OrgKind kind, String code, String name, String parentId) {
        return new Org(null, kind, code, name, parentId, null, null, null, null, 0, null, null);
    }
}
