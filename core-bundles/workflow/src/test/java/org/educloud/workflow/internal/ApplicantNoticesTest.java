package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.educloud.identity.OrgPath;
import org.educloud.workflow.Audience;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.WorkflowCase;
import org.junit.jupiter.api.Test;

class ApplicantNoticesTest {

    private final WorkflowCase decided = new WorkflowCase(42, RecordCorrectionWorkflow.ID, "stu-1", "王同学",
            OrgPath.of("/37/3701/370102/3701020001"), Optional.empty(), "wang.student", "地址有误", CaseStatus.REJECTED, Optional.empty(), 3,
            Instant.now(), Instant.now());

    @Test
    void theApplicantIsToldInBothLanguagesWithTheReasonAndALinkToTheCase() {
        NewMessage rejected = ApplicantNotices.notice(decided, Optional.of(RecordCorrectionWorkflow.definition()), true, "材料不全");
        assertEquals(Audience.user("wang.student"), rejected.to());
        assertEquals("信息更正（王同学）未通过 · Record correction rejected", rejected.title());
        assertTrue(rejected.body().contains("材料不全"), rejected.body());
        assertEquals(Optional.of("/portal/cases/42"), rejected.link());

        NewMessage approved = ApplicantNotices.notice(decided, Optional.empty(), false, null);
        assertEquals("record-correction（王同学）已通过 · record-correction approved", approved.title());
    }
}
