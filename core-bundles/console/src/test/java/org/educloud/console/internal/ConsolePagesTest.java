package org.educloud.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConsolePagesTest {

    private final ConsolePages pages = new ConsolePages();

    @Test
    void chineseFirstThenWhatTheBrowserOrTheSwitchAsks() {
        assertEquals("zh-CN", ConsolePages.language(null, null));
        assertEquals("zh-CN", ConsolePages.language(null, "zh-TW,zh;q=0.9"));
        assertEquals("en", ConsolePages.language(null, "en-US,en;q=0.9,zh;q=0.5"));
        assertEquals("zh-CN", ConsolePages.language(null, "fr-FR,zh;q=0.5"));
        assertEquals("en", ConsolePages.language("en", "zh-CN"), "the switch wins over the browser");
        assertEquals("zh-CN", ConsolePages.language("not a;;language", "garbage;q=x"));
    }

    @Test
    void bothLanguagesHaveEveryText() {
        assertEquals(pages.texts("zh-CN").keySet(), pages.texts("en").keySet());
        assertEquals("您好，张老师", pages.text("zh-CN", "hello", "张老师"));
        assertEquals("Hello, Zhang", pages.text("en", "hello", "Zhang"));
    }

    @Test
    void everySectionRendersAndEveryValueIsEscaped() {
        String hostile = "<script>alert(1)</script>";
        Map<String, Object> model = frame();
        model.put("error", ConsoleGate.error(hostile, List.of(new ApiRefusal.PackageProblem("META-INF/" + hostile, "bad", "fix it"))));
        model.put("users", Map.of("q", hostile, "items", List.of(Map.of("username", hostile, "href", "/console/users/x", "displayName", hostile,
                "roles", hostile, "locked", true)), "roles", List.of(), "entered", Map.of(), "org", "/"));
        model.put("audit", Map.of("actor", hostile, "events", List.of(Map.of("at", "2025-01-01 08:00:00", "actor", hostile, "action", "x")),
                "unavailable", List.of()));
        model.put("apps", Map.of("q", "", "category", "", "catalog", Map.of("items", List.of()), "vendor", Map.of("mine", List.of()),
                "reviews", Map.of("items", List.of(Map.of("appId", "a", "version", "1.0.0", "key", "a-1-0-0"))), "installs", Map.of("items", List.of())));
        model.put("health", Map.of("status", "UP", "checks", List.of(Map.of("name", "database", "status", "UP", "detail", hostile)),
                "services", List.of(), "apps", List.of()));
        model.put("orgs", Map.of("crumbs", List.of(), "children", List.of(Map.of("name", hostile, "code", "37", "href", "/console/orgs?under=/37"))));
        String html = pages.render(model);
        assertFalse(html.contains(hostile), "nothing comes out unescaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for (String id : List.of("id=\"users\"", "id=\"create\"", "id=\"audit\"", "id=\"reviews\"", "id=\"upload\"", "id=\"catalog\"",
                "id=\"health\"", "id=\"orgs\"", "id=\"problems\"", "id=\"approve-a-1-0-0\"")) {
            assertTrue(html.contains(id), id + " is on the page");
        }
    }

    @Test
    void theAppPageOffersConsentForEachScope() {
        Map<String, Object> model = frame();
        model.put("app", Map.of("id", "notes", "name", "笔记", "versions", List.of(), "install", Map.of("version", "1.2.0",
                "scopes", List.of("profile", "basedata.read"), "orgs", List.of("/37/3701/370102/3701020001"), "anyOrg", false),
                "installs", Map.of("items", List.of())));
        String html = pages.render(model);
        assertEquals(2, html.split("class=\"consent\"", -1).length - 1, html);
        assertTrue(html.contains("value=\"/37/3701/370102/3701020001\""));
    }

    @Test
    void anInstallationMovedByAnotherSchoolsUpgradeOffersConsentToWhatItNowAsks() {
        Map<String, Object> model = frame();
        Map<String, Object> row = new HashMap<>(Map.of("appId", "notes", "org", "/37/3701/370102/3701020002", "version", "1.3.0",
                "installedBy", "admin", "installedAt", "2026-11-24 00:30", "mayChange", true, "awaitingConsent", List.of("basedata.people:read")));
        row.put("consent", Map.of("version", "1.3.0", "scopes", List.of("profile", "basedata.people:read"),
                "awaiting", List.of("basedata.people:read")));
        model.put("app", Map.of("id", "notes", "name", "笔记", "versions", List.of(), "installs", Map.of("items", List.of(row))));
        String html = pages.render(model);
        assertTrue(html.contains("id=\"consent-button\""), html);
        assertTrue(html.contains("<code>basedata.people:read</code>"), html);
        assertEquals(2, html.split("name=\"consent\" value=", -1).length - 1, "one box per scope the version asks for: " + html);
        assertTrue(html.contains("name=\"version\" value=\"1.3.0\""), html);
    }

    private Map<String, Object> frame() {
        Map<String, Object> model = new HashMap<>();
        model.put("t", pages.texts("zh-CN"));
        model.put("lang", "zh-CN");
        model.put("csrf", "token");
        model.put("nav", List.of());
        model.put("otherLangs", List.of());
        return model;
    }
}
