package org.educloud.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.ws.rs.core.Response;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The sign-in pages (login, forced password change, consent, logout) in Chinese (the default)
 * and English, from one Mustache template that escapes every value it prints.
 */
final class LoginPages {

    /** The languages offered, the first being the default. */
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("zh-CN", "中文", "en", "English");

    private final Template template;
    private final Map<String, Properties> messages = new HashMap<>();

    LoginPages() {
        try (Reader reader = resource("pages/page.mustache")) {
            template = Mustache.compiler().defaultValue("").compile(reader);
            for (String language : LANGUAGES) {
                try (Reader text = resource("pages/messages_" + language + ".properties")) {
                    Properties properties = new Properties();
                    properties.load(text);
                    messages.put(language, properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the sign-in page templates are missing from the identity bundle", e);
        }
    }

    /** The language for a request: an explicit choice ({@code ui_locales} or {@code lang}), then the browser's, then Chinese. */
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

    /** Describes a scope for the consent page. */
    String scope(String language, String scope) {
        String key = "scope." + scope;
        return messages.get(language).containsKey(key) ? text(language, key) : text(language, "scope.other", scope);
    }

    /**
     * Renders a page. {@code model} holds the flags and values of the template ({@code login},
     * {@code password}, {@code consent}, {@code confirmLogout}, {@code message}, {@code error},
     * {@code hidden} fields...); {@code titleKey} names its title. {@code switchBase} is the URL
     * the language links add {@code lang=} to.
     */
    Response render(int status, String language, String titleKey, Map<String, Object> model, String switchBase) {
        Map<String, Object> context = new HashMap<>(model);
        Map<String, String> texts = new HashMap<>();
        messages.get(language).forEach((key, value) -> texts.put(((String) key).replace('.', '_'), (String) value));
        texts.put("title", text(language, titleKey));
        context.put("t", texts);
        context.put("lang", language);
        List<Map<String, String>> others = new ArrayList<>();
        if (switchBase != null) {
            for (String other : LANGUAGES) {
                if (!other.equals(language)) {
                    String separator = switchBase.contains("?") ? "&" : "?";
                    others.add(Map.of("code", other, "label", LANGUAGE_NAMES.get(other),
                            "href", switchBase + separator + "lang=" + URLEncoder.encode(other, StandardCharsets.UTF_8)));
                }
            }
        }
        context.put("otherLangs", others);
        return Response.status(status).type("text/html; charset=utf-8").entity(template.execute(context))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; "
                        + "frame-ancestors 'none'")
                .build();
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = LoginPages.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
