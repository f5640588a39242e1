package org.educloud.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The console's pages in Chinese (the default) and English: one Mustache layout with a partial
 * per section ({@code console/<section>.mustache}), compiled once; the template escapes every
 * value it prints. No scripts, no front-end build: each page is one HTML response with inline CSS.
 */
final class ConsolePages {

    /** The languages offered, the first being the default. */
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    private static final List<Locale.LanguageRange> OFFERED = Locale.LanguageRange.parse("zh-CN,zh;q=0.9,en;q=0.8");

    private final Template layout;
    private final Map<String, Properties> texts = new HashMap<>();

    ConsolePages() {
        Mustache.Compiler compiler = Mustache.compiler().defaultValue("").withLoader(name -> resource("console/" + name + ".mustache"));
        try (Reader reader = resource("console/layout.mustache")) {
            layout = compiler.compile(reader);
            for (String language : LANGUAGES) {
                try (Reader text = resource("console/messages_" + language + ".properties")) {
                    Properties properties = new Properties();
                    properties.load(text);
                    texts.put(language, properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the console's templates are missing from its bundle", e);
        }
    }

    /**
     * The language: an explicit choice ({@code lang}, or the console's cookie), then the browser's
     * Accept-Language, then Chinese.
     */
    static String language(String explicit, String acceptLanguage) {
        for (String candidate : new String[] {explicit, acceptLanguage}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(candidate)) {
                    String tag = Locale.lookupTag(List.of(range), OFFERED.stream().map(Locale.LanguageRange::getRange).toList());
                    if (tag != null) {
                        return tag.startsWith("en") ? "en" : "zh-CN";
                    }
                }
            } catch (IllegalArgumentException e) {
                // not a language list: try the next source
            }
        }
        return LANGUAGES.get(0);
    }

    /** A text in the language, its {0}... filled in. */
    String text(String language, String key, Object... arguments) {
        String pattern = texts.get(language).getProperty(key);
        if (pattern == null) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
    }

    /** Every text of the language, for the template ({@code {{t.key}}}). */
    Map<String, String> texts(String language) {
        Map<String, String> all = new HashMap<>();
        texts.get(language).forEach((key, value) -> all.put((String) key, (String) value));
        return all;
    }

    /** The page: the layout with {@code model} (which names the section partials to show). */
    String render(Map<String, Object> model) {
        return layout.execute(model);
    }

    private static Reader resource(String name) {
        InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException(name + " is missing from the console bundle"));
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
