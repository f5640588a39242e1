package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;

import javax.inject.Inject;

import org.educloud.testkit.EduCloudKernel;
import org.educloud.testkit.TestKit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * ${appNameEn} in the real EduCloud kernel: the test kit boots it with this build's app package,
 * which the app center checks and installs for the kit's school, and calls it as that school's
 * teacher and student, and as a teacher of another school.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppIT {

    private static final String HELLO = "/apps/${appId}/api/hello";

    @Inject
    private TestKit kit;

    @Configuration
    public Option[] config() {
        return EduCloudKernel.withAppUnderTest();
    }

    @Test
    public void greetsTheSchoolsPeopleAndCountsTheirCalls() throws Exception {
        HttpResponse<String> first = kit.get(HELLO, kit.teacher());
        assertEquals(first.body(), 200, first.statusCode());
        assertTrue(first.body(), first.body().contains("\"greeting\":\"你好，" + kit.teacher().username() + "\""));
        assertTrue(first.body(), first.body().contains(kit.school().path()));
        assertTrue(first.body(), first.body().contains("\"visits\":1"));
        HttpResponse<String> second = kit.get(HELLO + "?lang=en", kit.teacher());
        assertTrue(second.body(), second.body().contains("\"greeting\":\"Hello, " + kit.teacher().username() + "\""));
        assertTrue("the app's own table counts the calls: " + second.body(), second.body().contains("\"visits\":2"));
        HttpResponse<String> student = kit.get(HELLO, kit.student());
        assertTrue(student.body(), student.statusCode() == 200 && student.body().contains("\"visits\":1"));
    }

    @Test
    public void theKernelRefusesCallsWithoutATokenAndFromAnotherSchool() throws Exception {
        assertEquals(401, kit.get(HELLO).statusCode());
        HttpResponse<String> outsider = kit.get(HELLO, kit.outsider());
        assertEquals(outsider.body(), 403, outsider.statusCode());
    }

    @Test
    public void servesItsPageWithTheSdkScript() throws Exception {
        HttpResponse<String> page = kit.get("/apps/${appId}/");
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<html lang=\"zh-CN\">") && page.body().contains("${appNameZh}")
                && page.body().contains("educloud-sdk.js"));
        HttpResponse<String> script = kit.get("/apps/${appId}/app.js");
        assertTrue(script.body(), script.statusCode() == 200 && script.body().contains("${appNameEn}"));
        assertEquals("the kernel serves the SDK script beside the page", 200, kit.get("/apps/${appId}/educloud-sdk.js").statusCode());
    }
}
