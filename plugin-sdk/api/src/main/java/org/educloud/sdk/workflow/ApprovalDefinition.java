package org.educloud.sdk.workflow;

import java.util.List;

/**
 * A workflow cases can be started for.
 *
 * @param id              its id, e.g. {@code student-transfer}
 * @param nameZh          its name in Chinese, e.g. 省内转学
 * @param nameEn          in English
 * @param needsDestination true for transfers: a case names the school the student moves to
 * @param steps           the names of its steps (in Chinese), in order
 */
public record ApprovalDefinition(String id, String nameZh, String nameEn, boolean needsDestination, List<String> steps) {

    public ApprovalDefinition {
        steps = List.copyOf(steps);
    }
}
