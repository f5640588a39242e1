package org.educloud.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A case's details: an ordered, unmodifiable copy (null is none). */
final class CaseDetails {

    private CaseDetails() {
    }

    static Map<String, String> copy(Map<String, String> details) {
        return details == null || details.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
