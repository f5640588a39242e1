package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.identity.Account;
import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.app.AppDescriptor;
import org.junit.jupiter.api.Test;

class HomePageTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";

    @Test
    void tilesAreTheAppsInstalledForTheUsersSchoolsOrAboveThemByName() {
        AppInstallations apps = installations(List.of(
                installation("hello-school", SCHOOL),
                installation("district-app", "/37/3701/370102"),
                installation("other-school", "/37/3701/370102/3701020002"),
                installation("hello-school", "/37/3701/370102/3701020003"),
                installation("marking", SCHOOL)),
                List.of(stored("hello-school", "你好学校", "Hello School", List.of()), stored("district-app", "区县应用", "District app", List.of()),
                        stored("marking", "阅卷", "Marking", List.of("teacher", "school-admin"))));
        ClientDirectory clients = clients(List.of(web("lessons", "备课平台", "Lesson planning", Set.of("teacher")),
                web("homework", "作业本", "Homework", Set.of("student"))));
        HomePage home = new HomePage(apps, clients, "https://edu.example.cn", null, null, null, null, new PortalPages(), 10, 10);
        Account teacher = new Account(1, "zhang.wei", Optional.empty(), Optional.empty(), Optional.empty(), "张伟", false, false,
                Optional.empty(), List.of(RoleGrant.parse("teacher@" + SCHOOL)));

        List<Map<String, String>> zh = home.tiles(teacher, "zh-CN");
        // In pinyin order in Chinese (备 bei, 你 ni, 区 qu, 阅 yue), alphabetically in English; the students' web app is not a teacher's.
        assertEquals(List.of("lessons", "hello-school", "district-app", "marking"), zh.stream().map(t -> t.get("id")).toList(),
                zh.toString());
        assertEquals("你好学校", zh.get(1).get("name"));
        assertEquals("你", zh.get(1).get("initial"));
        assertEquals("https://edu.example.cn/apps/hello-school/", zh.get(1).get("href"));
        assertEquals("app", zh.get(1).get("kind"));
        assertEquals("https://lessons.example.cn/start", zh.get(0).get("href"));
        assertEquals("web", zh.get(0).get("kind"));
        List<Map<String, String>> en = home.tiles(teacher, "en");
        assertEquals(List.of("District app", "Hello School", "Lesson planning", "Marking"), en.stream().map(t -> t.get("name")).toList());

        Account student = new Account(2, "li.lei", Optional.empty(), Optional.empty(), Optional.empty(), "李雷", false, false,
                Optional.empty(), List.of(RoleGrant.parse("student@" + SCHOOL)));
        assertEquals(List.of("hello-school", "district-app", "homework"), home.tiles(student, "zh-CN").stream().map(t -> t.get("id")).toList(),
                "the students' web app (作业本, zuo: last), and neither the teachers' web app nor the app for teachers and administrators");
    }

    private static Client web(String id, String nameZh, String nameEn, Set<String> roles) {
        return new Client(id, nameZh, nameEn, ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create("https://" + id + ".example.cn/cb")),
                List.of(), Set.of("authorization_code"), Set.of("openid"), false, Optional.empty(), Optional.empty(), false, "RS256",
                Optional.of(new PortalEntry(URI.create("https://" + id + ".example.cn/start"), roles, List.of(OrgPath.of("/37")))));
    }

    private static ClientDirectory clients(List<Client> entries) {
        return (ClientDirectory) Proxy.newProxyInstance(HomePageTest.class.getClassLoader(), new Class<?>[] {ClientDirectory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "portalEntries" -> entries;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Installation installation(String appId, String org) {
        return new Installation(appId, org, "1.0.0", "test", Instant.EPOCH);
    }

    private static StoredPackage stored(String appId, String nameZh, String nameEn, List<String> roles) {
        return new StoredPackage(new AppDescriptor(appId, "1.0.0", "[1.0,2)", nameZh, nameEn, "test", List.of(), List.of(), roles, null,
                List.of()), "0", 1, "test", Instant.EPOCH);
    }

    private static AppInstallations installations(List<Installation> installed, List<StoredPackage> packages) {
        return (AppInstallations) Proxy.newProxyInstance(HomePageTest.class.getClassLoader(), new Class<?>[] {AppInstallations.class},
                (proxy, method, args) -> switch (method.getName()) {
                    // as the app center: for one of the orgs or an org above it
                    case "installationsFor" -> installed.stream().filter(i -> ((java.util.Collection<?>) args[0]).stream()
                            .anyMatch(org -> OrgPath.of(i.org()).covers((OrgPath) org))).toList();
                    case "packages" -> packages;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
