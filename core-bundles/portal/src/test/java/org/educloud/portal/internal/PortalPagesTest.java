package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortalPagesTest {

    private final PortalPages pages = new PortalPages();

    @Test
    void chineseFirstThenAnExplicitChoiceThenTheBrowser() {
        assertEquals("zh-CN", PortalPages.language(null, null));
        assertEquals("zh-CN", PortalPages.language(null, "fr-FR,de;q=0.8"));
        assertEquals("en", PortalPages.language(null, "en-US,en;q=0.9"));
        assertEquals("zh-CN", PortalPages.language("zh-CN", "en-US"));
        assertEquals("en", PortalPages.language("en", "zh-CN"));
    }

    @Test
    void everyValueIsEscaped() {
        Map<String, Object> home = Map.of("hello", "<script>alert(1)</script>", "orgs", List.of(), "apps",
                List.of(Map.of("id", "x", "name", "\"><img src=x>", "initial", "\"")), "todos", List.of(), "messages", List.of(),
                "todoCount", 0, "unreadCount", 0);
        String html = pages.render("zh-CN", "titleHome", "http://localhost:8181", "token", Map.of("home", home));
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("\"><img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void theHomePageInBothLanguages() {
        Map<String, Object> home = Map.of("hello", pages.text("zh-CN", "hello", "张伟"), "orgs", List.of(), "apps", List.of(),
                "todos", List.of(), "messages", List.of(), "todoCount", 0, "noTodos", true, "unreadCount", 0);
        String zh = pages.render("zh-CN", "titleHome", "http://localhost:8181", "token", Map.of("home", home));
        assertTrue(zh.contains("您好，张伟") && zh.contains("本校尚未安装应用") && zh.contains("暂无待办") && zh.contains("退出登录"), zh);
        assertTrue(zh.contains("id=\"lang-en\""), zh);
        String en = pages.render("en", "titleHome", "http://localhost:8181", "token", Map.of("home", home));
        assertTrue(en.contains("Nothing to do.") && en.contains("Log out") && en.contains("lang=\"en\""), en);
        assertEquals("School administrator", pages.role("en", "school-admin"));
        assertEquals("some-new-role", pages.role("en", "some-new-role"));
    }

    @Test
    void appsToDosStandBesideTheWorkflowsWithTheirDeadline() {
        Map<String, Object> todo = Map.of("id", 7L, "app", "notices", "title", "确认通知：家长会", "link", "/apps/notices/",
                "since", "2026-11-23 08:00", "due", "2026-11-24 08:00", "hasDue", true, "overdue", true);
        Map<String, Object> home = Map.of("hello", "您好", "orgs", List.of(), "apps", List.of(), "todos", List.of(),
                "appTodos", List.of(todo), "messages", List.of(), "todoCount", 1, "noTodos", false, "unreadCount", 0);
        String html = pages.render("zh-CN", "titleHome", "http://localhost:8181", "token", Map.of("home", home));
        assertTrue(html.contains("id=\"app-todo-7\"") && html.contains("href=\"/apps/notices/\"") && html.contains("截止 2026-11-24 08:00")
                && html.contains("overdue"), html);
        assertFalse(html.contains("暂无待办"), html);
    }

    @Test
    void withoutASessionThereIsNoLogoutButton() {
        String html = pages.render("zh-CN", "titleError", "http://localhost:8181", null, Map.of("problem", "x"));
        assertFalse(html.contains("id=\"logout\""), html);
    }

    @Test
    void pkceS256AsRfc7636AppendixB() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", KernelLogin.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
