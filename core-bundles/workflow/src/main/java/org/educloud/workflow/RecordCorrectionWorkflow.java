package org.educloud.workflow;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * 信息更正: a student or teacher asks for a correction of their own record in the basic data
 * (the seed's "个人信息服务 … 也可对以上信息进行反馈"). The school's administrator, who keeps
 * the school's records, decides; approving writes the corrected values into the record (the
 * kernel's {@link CaseEffect} for this workflow), rejecting needs the reason, returning sends it
 * back to the requester to correct and resubmit.
 *
 * <p>A case's {@link NewCase#subject()} is the person's sourced id in the basic data, its school
 * the person's school, and its {@link NewCase#details()} the corrections ({@link #details(List)}):
 * each field's corrected value under the field's name, and the value the requester saw under the
 * name with {@value #WAS_SUFFIX}.
 */
public final class RecordCorrectionWorkflow {

    /** The definition's id. */
    public static final String ID = "record-correction";

    /** Appended to a field's name for the detail holding the value the requester saw. */
    public static final String WAS_SUFFIX = ".was";

    private static final Set<String> TRUE = Set.of("true", "yes", "是", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "否", "0");

    private RecordCorrectionWorkflow() {
    }

    /** The built-in definition: one step, the school's administrator. */
    public static WorkflowDefinition definition() {
        return new WorkflowDefinition(ID, "信息更正", "Record correction", RelativeOrg.SCHOOL, List.of(
                new StepDefinition("school", "学校审核", "School review",
                        new Assignee("school-admin", RelativeOrg.SCHOOL), Duration.ofDays(3), Escalation.upOneOrg())));
    }

    /** How a field's value is written. */
    public enum Kind {
        /** Free text, at most {@link Field#maxLength()} characters. */
        TEXT,
        /** A date, {@code YYYY-MM-DD}. */
        DATE,
        /** {@code male}, {@code female} or {@code unspecified}. */
        GENDER,
        /** {@code true} or {@code false}. */
        FLAG
    }

    /** The fields of a record a person may ask to correct; the registry number and ID number are not among them (the school office changes those). */
    public enum Field {
        FAMILY_NAME("familyName", "姓", "Family name", Kind.TEXT, 50, false),
        GIVEN_NAME("givenName", "名", "Given name", Kind.TEXT, 50, false),
        GENDER("gender", "性别", "Gender", Kind.GENDER, 20, false),
        BIRTH_DATE("birthDate", "出生日期", "Date of birth", Kind.DATE, 10, false),
        PHONE("phone", "联系电话", "Phone", Kind.TEXT, 30, false),
        EMAIL("email", "电子邮箱", "Email", Kind.TEXT, 100, false),
        ENROLLMENT_DATE("enrollmentDate", "入学日期", "Enrollment date", Kind.DATE, 10, true),
        HOUSEHOLD_REGISTRATION("householdRegistration", "户口所在地", "Household registration", Kind.TEXT, 200, true),
        ADDRESS("address", "家庭住址", "Home address", Kind.TEXT, 200, true),
        MIGRANT_CHILD("migrantChild", "随迁子女", "Migrant child", Kind.FLAG, 5, true),
        LEFT_BEHIND_CHILD("leftBehindChild", "留守儿童", "Left-behind child", Kind.FLAG, 5, true),
        ORPHAN("orphan", "孤儿", "Orphan", Kind.FLAG, 5, true),
        DISABLED("disabled", "残疾", "Disabled", Kind.FLAG, 5, true),
        SPECIAL_CARE("specialCare", "烈士子女或优抚子女", "Martyr's or special-care child", Kind.FLAG, 5, true),
        FINANCIAL_AID("financialAid", "受资助", "Receives financial aid", Kind.FLAG, 5, true);

        private final String key;
        private final String nameZh;
        private final String nameEn;
        private final Kind kind;
        private final int maxLength;
        private final boolean studentStatus;

        Field(String key, String nameZh, String nameEn, Kind kind, int maxLength, boolean studentStatus) {
            this.key = key;
            this.nameZh = nameZh;
            this.nameEn = nameEn;
            this.kind = kind;
            this.maxLength = maxLength;
            this.studentStatus = studentStatus;
        }

        /** The name in details and forms, as the basic data's JSON names it, e.g. {@code householdRegistration}. */
        public String key() {
            return key;
        }

        /** As Chinese users read it. */
        public String nameZh() {
            return nameZh;
        }

        /** In English. */
        public String nameEn() {
            return nameEn;
        }

        /** How its value is written. */
        public Kind kind() {
            return kind;
        }

        /** The longest value it takes. */
        public int maxLength() {
            return maxLength;
        }

        /** True for a field of a student's status (学籍): only students' records have it. */
        public boolean studentStatus() {
            return studentStatus;
        }

        /** The field named {@code key}. */
        public static Field of(String key) {
            for (Field field : values()) {
                if (field.key.equals(key)) {
                    return field;
                }
            }
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "details", "'" + key + "' is not a field that can be corrected: "
                    + "use one of " + String.join(", ", java.util.Arrays.stream(values()).map(Field::key).toList()));
        }

        /**
         * The value as the record stores it: text stripped, a date checked, a gender or flag in its
         * canonical word ({@code 男}/{@code 女} and {@code 是}/{@code 否} are understood).
         *
         * @throws WorkflowProblem saying how to write it, when it cannot be read
         */
        public String normalize(String value) {
            String given = value == null ? "" : value.strip();
            if (given.isEmpty()) {
                throw invalid("give the corrected value of " + key + " (" + nameZh + ")");
            }
            if (given.length() > maxLength) {
                throw invalid(key + " (" + nameZh + ") has " + given.length() + " characters; at most " + maxLength);
            }
            String word = given.toLowerCase(Locale.ROOT);
            return switch (kind) {
                case TEXT -> given;
                case DATE -> {
                    try {
                        yield LocalDate.parse(given).toString();
                    } catch (DateTimeParseException e) {
                        throw invalid(key + " (" + nameZh + ") '" + given + "' is not a date: write it as YYYY-MM-DD, e.g. 2016-09-01");
                    }
                }
                case GENDER -> switch (word) {
                    case "male", "男" -> "male";
                    case "female", "女" -> "female";
                    case "unspecified", "未说明" -> "unspecified";
                    default -> throw invalid(key + " (" + nameZh + ") '" + given + "' is not a gender: use male, female or unspecified");
                };
                case FLAG -> {
                    if (TRUE.contains(word)) {
                        yield "true";
                    }
                    if (FALSE.contains(word)) {
                        yield "false";
                    }
                    throw invalid(key + " (" + nameZh + ") '" + given + "' is not yes or no: use true or false");
                }
            };
        }

        private WorkflowProblem invalid(String message) {
            return new WorkflowProblem(WorkflowProblem.Kind.INVALID, key, message);
        }
    }

    /**
     * One field to correct.
     *
     * @param field     which field
     * @param current   the value the requester saw in their record (empty when it had none)
     * @param corrected the value it should have
     */
    public record Correction(Field field, String current, String corrected) {

        public Correction {
            Objects.requireNonNull(field, "field");
            current = current == null ? "" : current;
            corrected = field.normalize(corrected);
        }
    }

    /**
     * The details of a case for these corrections.
     *
     * @throws WorkflowProblem when there are none or one field comes twice
     */
    public static Map<String, String> details(List<Correction> corrections) {
        if (corrections.isEmpty()) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "details", "name at least one field to correct, with its "
                    + "corrected value");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Correction correction : corrections) {
            if (details.put(correction.field().key(), correction.corrected()) != null) {
                throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, correction.field().key(), correction.field().key()
                        + " is named twice: give each field once");
            }
            details.put(correction.field().key() + WAS_SUFFIX, correction.current());
        }
        return details;
    }

    /**
     * The corrections a case's details hold, in their order.
     *
     * @throws WorkflowProblem when a detail is not a field that can be corrected or its value cannot be read
     */
    public static List<Correction> corrections(Map<String, String> details) {
        List<Correction> corrections = new ArrayList<>();
        for (Map.Entry<String, String> detail : details.entrySet()) {
            if (!detail.getKey().endsWith(WAS_SUFFIX)) {
                Field field = Field.of(detail.getKey());
                corrections.add(new Correction(field, details.get(field.key() + WAS_SUFFIX), detail.getValue()));
            }
        }
        if (corrections.isEmpty()) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "details", "a record correction names at least one field to "
                    + "correct, with its corrected value (e.g. {\"address\": \"济南市历下区…\"})");
        }
        return corrections;
    }
}
