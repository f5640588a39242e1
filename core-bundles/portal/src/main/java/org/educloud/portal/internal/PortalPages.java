package org.educloud.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The portal's pages in Chinese (the default) and English, rendered on the server from one
 * Mustache template (compiled once; it escapes every value it prints). No scripts and no
 * front-end build: a page is one HTML response with its CSS inline.
 */
final class PortalPages {

    /** The languages offered, the first being the default. */
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("zh-CN", "中文", "en", "English");

    private final Template template;
    private final Map<String, Properties> messages = new HashMap<>();
    private final Map<String, Map<String, String>> texts = new HashMap<>();

    PortalPages() {
        try (Reader reader = resource("portal/page.mustache")) {
            template = Mustache.compiler().defaultValue("").compile(reader);
            for (String language : LANGUAGES) {
                try (Reader text = resource("portal/messages_" + language + ".properties")) {
                    Properties properties = new Properties();
                    properties.load(text);
                    messages.put(language, properties);
                    Map<String, String> flat = new HashMap<>();
                    properties.forEach((key, value) -> flat.put(((String) key).replace('.', '_'), (String) value));
                    texts.put(language, Map.copyOf(flat));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the portal's page templates are missing from the portal bundle", e);
        }
    }

    /** The language: an explicit choice ({@code lang}, or the portal's cookie), then the browser's, then Chinese. */
    static String language(String explicit, String acceptLanguage) {
        for (String candidates : new String[] {explicit, acceptLanguage}) {
            if (candidates == null) {
                continue;
            }
            for (String part : candidates.split("[ ,]")) {
                String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return "zh-CN";
                }
                if (tag.startsWith("en")) {
                    return "en";
                }
            }
        }
        return LANGUAGES.get(0);
    }

    String text(String language, String key, Object... arguments) {
        String pattern = messages.get(language).getProperty(key, key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
    }

    /** A role's name for people, or its id when the portal does not know it. */
    String role(String language, String role) {
        return messages.get(language).getProperty("role." + role, role);
    }

    /**
     * The page: {@code model} holds one of {@code home}, {@code case} or {@code problem} with its
     * values; {@code base} is the issuer, {@code csrf} the session's form token (which also
     * shows the logout button).
     */
    String render(String language, String titleKey, String base, String csrf, Map<String, Object> model) {
        Map<String, Object> context = new HashMap<>(model);
        Map<String, String> pageTexts = new HashMap<>(texts.get(language));
        pageTexts.put("title", text(language, titleKey));
        context.put("t", pageTexts);
        context.put("lang", language);
        context.put("base", base);
        context.put("csrf", csrf);
        List<Map<String, String>> others = new ArrayList<>();
        for (String other : LANGUAGES) {
            if (!other.equals(language)) {
                others.add(Map.of("code", other, "label", LANGUAGE_NAMES.get(other), "href", base + "/portal/?lang=" + other));
            }
        }
        context.put("otherLangs", others);
        return template.execute(context);
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = PortalPages.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
