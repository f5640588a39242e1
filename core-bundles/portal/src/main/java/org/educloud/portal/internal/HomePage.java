package org.educloud.portal.internal;

import java.text.Collator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.Account;
import org.educloud.identity.Caller;
import org.educloud.identity.Client;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.app.AppDescriptor;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Message;
import org.educloud.workflow.Messages;
import org.educloud.workflow.AppTodos;
import org.educloud.workflow.PostedTodo;
import org.educloud.workflow.Todo;
import org.educloud.workflow.Workflows;

/**
 * What the home page shows a user: who they are and where, the apps installed for their
 * schools, their to-dos and their messages, each read in-process from the service that owns it
 * (the portal is the kernel's own face, so it needs no API round trip).
 */
final class HomePage {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final AppInstallations apps;
    private final Map<String, AppDescriptor> descriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final ClientDirectory clients;
    private final String base;
    private final OrgDirectory orgDirectory;
    private final Workflows workflows;
    private final Messages messages;
    private final AppTodos appTodos;
    private final PortalPages pages;
    private final int todosShown;
    private final int messagesShown;

    HomePage(AppInstallations apps, ClientDirectory clients, String base, OrgDirectory orgDirectory, Workflows workflows, Messages messages,
            AppTodos appTodos, PortalPages pages, int todosShown, int messagesShown) {
        this.apps = apps;
        this.clients = clients;
        this.base = base;
        this.orgDirectory = orgDirectory;
        this.workflows = workflows;
        this.messages = messages;
        this.appTodos = appTodos;
        this.pages = pages;
        this.todosShown = Math.max(1, todosShown);
        this.messagesShown = Math.max(1, messagesShown);
    }

    Map<String, Object> model(Account account, Actor actor, String language) {
        Map<String, Object> home = new HashMap<>();
        home.put("hello", pages.text(language, "hello", account.displayName()));
        home.put("orgs", orgs(account, language));
        home.put("apps", tiles(account, language));
        // Unified to-dos: the workflow steps the user may act on, then what apps asked them to do.
        long todoCount = workflows.todoCount(actor) + appTodos.openCount(actor.name());
        home.put("todoCount", todoCount);
        home.put("todoCountText", pages.text(language, "todoCount", todoCount));
        home.put("noTodos", todoCount == 0);
        home.put("todos", todos(actor, language));
        home.put("appTodos", appTodos(actor));
        long unread = messages.unreadCount(actor);
        home.put("unreadCount", unread);
        home.put("unreadCountText", pages.text(language, "unreadCount", unread));
        home.put("messages", messages(actor));
        return Map.of("home", home);
    }

    /** Each role with the org it is held at, by the org's name in the basic data (its path when the org is not there). */
    private List<Map<String, String>> orgs(Account account, String language) {
        Caller caller = Delegation.ownOrgs(account);
        List<Map<String, String>> orgs = new ArrayList<>();
        for (RoleGrant grant : account.grants()) {
            String name = grant.org().equals(OrgPath.ROOT) ? grant.org().value()
                    : orgDirectory.findByCode(caller, grant.org().orgId()).filter(org -> grant.org().equals(org.path()))
                            .map(Org::name).orElse(grant.org().value());
            orgs.add(Map.of("org", name, "path", grant.org().value(), "role", pages.role(language, grant.role())));
        }
        return orgs;
    }

    /**
     * The apps installed for an org the user holds a role at, or for an org above it (a district
     * that installs for its schools), when the app allows that role ({@link AppDescriptor#roles()},
     * none meaning every role), and the external web apps registered for the user's roles and orgs
     * ({@link ClientDirectory#portalEntries()}), one tile each, by name.
     */
    List<Map<String, String>> tiles(Account account, String language) {
        Map<String, Map<String, String>> tiles = new LinkedHashMap<>();
        for (Installation installation : apps.installationsFor(account.grants().stream().map(RoleGrant::org).distinct().toList())) {
            OrgPath installedFor;
            try {
                installedFor = OrgPath.of(installation.org());
            } catch (IllegalArgumentException e) {
                continue; // not an org path (cannot be a school's); nothing to show
            }
            if (tiles.containsKey(installation.appId()) || account.grants().stream().noneMatch(grant -> installedFor.covers(grant.org()))) {
                continue;
            }
            Optional<AppDescriptor> descriptor = descriptor(installation);
            boolean mine = account.grants().stream().anyMatch(grant -> installedFor.covers(grant.org())
                    && descriptor.map(app -> app.launchableBy(grant.role())).orElse(true));
            if (mine) {
                String name = descriptor.map(d -> language.equals("en") ? d.nameEn() : d.nameZh()).filter(n -> !n.isBlank())
                        .orElse(installation.appId());
                tiles.put(installation.appId(), tile("app", installation.appId(), name, base + "/apps/" + installation.appId() + "/"));
            }
        }
        for (Client client : clients.portalEntries()) {
            if (client.portalEntry().orElseThrow().visibleTo(account.grants())) {
                String name = language.equals("en") ? client.nameEn() : client.nameZh();
                tiles.put("web:" + client.clientId(), tile("web", client.clientId(), name,
                        client.portalEntry().orElseThrow().launchUrl().toString()));
            }
        }
        List<Map<String, String>> sorted = new ArrayList<>(tiles.values());
        // Chinese names in pinyin order, as people look for them, not in code point order.
        Collator collator = Collator.getInstance(language.equals("en") ? Locale.ENGLISH : Locale.CHINA);
        sorted.sort(Comparator.comparing(tile -> tile.get("name"), collator));
        return sorted;
    }

    /**
     * The descriptor of an installed app version, read from the app center once: a stored version
     * never changes (a change is a new version), and reading every package on every page would cost
     * each home page the whole catalog.
     */
    private Optional<AppDescriptor> descriptor(Installation installation) {
        String key = installation.appId() + "@" + installation.version();
        AppDescriptor known = descriptors.get(key);
        if (known == null) {
            for (StoredPackage stored : apps.packages(installation.appId())) {
                descriptors.putIfAbsent(stored.appId() + "@" + stored.version(), stored.descriptor());
            }
            known = descriptors.get(key);
        }
        return Optional.ofNullable(known);
    }

    private static Map<String, String> tile(String kind, String id, String name, String href) {
        return Map.of("kind", kind, "id", id, "name", name, "href", href, "initial", name.substring(0, name.offsetByCodePoints(0, 1)));
    }

    private List<Map<String, Object>> todos(Actor actor, String language) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Todo todo : workflows.todos(actor, 0, todosShown)) {
            Map<String, Object> item = new HashMap<>();
            item.put("caseId", todo.workflowCase().id());
            item.put("workflow", language.equals("en") ? todo.definition().nameEn() : todo.definition().nameZh());
            item.put("subject", todo.workflowCase().subjectName());
            item.put("step", todo.step().isCorrection() ? pages.text(language, "correction")
                    : language.equals("en") ? todo.step().nameEn() : todo.step().nameZh());
            item.put("since", TIME.format(todo.step().since()));
            shown.add(item);
        }
        return shown;
    }

    private List<Map<String, Object>> appTodos(Actor actor) {
        List<Map<String, Object>> shown = new ArrayList<>();
        Instant now = Instant.now();
        for (PostedTodo todo : appTodos.open(actor.name(), 0, todosShown)) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", todo.id());
            item.put("app", todo.appId());
            item.put("title", todo.title());
            item.put("link", todo.link());
            item.put("since", TIME.format(todo.postedAt()));
            item.put("due", todo.due().map(TIME::format).orElse(""));
            item.put("hasDue", todo.due().isPresent());
            item.put("overdue", todo.overdue(now));
            shown.add(item);
        }
        return shown;
    }

    private List<Map<String, Object>> messages(Actor actor) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Message message : messages.inbox(actor, 0, messagesShown, false)) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", message.id());
            item.put("title", message.title());
            item.put("sender", message.sender());
            item.put("sentAt", TIME.format(message.sentAt()));
            item.put("read", message.read());
            // Only links within the platform or to the web: never javascript: or data: URLs into the portal's page.
            item.put("link", message.link().filter(link -> link.startsWith("/") && !link.startsWith("//")
                    || link.startsWith("https://") || link.startsWith("http://")).orElse(null));
            shown.add(item);
        }
        return shown;
    }
}
