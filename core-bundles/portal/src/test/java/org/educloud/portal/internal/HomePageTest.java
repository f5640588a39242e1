package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.identity.Account;
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
                installation("hello-school", "/37/3701/370102/3701020003")),
                List.of(stored("hello-school", "你好学校", "Hello School"), stored("district-app", "区县应用", "District app")));
        HomePage home = new HomePage(apps, null, null, null, new PortalPages(), 10, 10);
        Account teacher = new Account(1, "zhang.wei", Optional.empty(), Optional.empty(), Optional.empty(), "张伟", false, false,
                Optional.empty(), List.of(RoleGrant.parse("teacher@" + SCHOOL)));

        List<Map<String, String>> zh = home.tiles(teacher, "zh-CN");
        // In pinyin order in Chinese (你 ni before 区 qu), alphabetically in English.
        assertEquals(List.of("hello-school", "district-app"), zh.stream().map(t -> t.get("id")).toList(), zh.toString());
        assertEquals("你好学校", zh.get(0).get("name"));
        assertEquals("你", zh.get(0).get("initial"));
        List<Map<String, String>> en = home.tiles(teacher, "en");
        assertEquals(List.of("District app", "Hello School"), en.stream().map(t -> t.get("name")).toList());
    }

    private static Installation installation(String appId, String org) {
        return new Installation(appId, org, "1.0.0", "test", Instant.EPOCH);
    }

    private static StoredPackage stored(String appId, String nameZh, String nameEn) {
        return new StoredPackage(new AppDescriptor(appId, "1.0.0", "[1.0,2)", nameZh, nameEn, "test", List.of(), List.of()), "0", 1,
                "test", Instant.EPOCH);
    }

    private static AppInstallations installations(List<Installation> installed, List<StoredPackage> packages) {
        return (AppInstallations) Proxy.newProxyInstance(HomePageTest.class.getClassLoader(), new Class<?>[] {AppInstallations.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "installations" -> installed;
                    case "packages" -> packages;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
