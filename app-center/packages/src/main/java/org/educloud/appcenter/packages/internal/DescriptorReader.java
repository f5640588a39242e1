package org.educloud.appcenter.packages.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.educloud.appcenter.packages.PackageProblem;
import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@value AppDescriptor#PATH}, reporting each member that is missing or wrong. */
final class DescriptorReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9._:-]{0,63}");
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9_./-]{1,200}\\.(png|jpg|jpeg|svg|webp)");
    static final int MOST_SCREENSHOTS = 5;
    private static final String EXAMPLE = "see the example in the SDK's AppDescriptor javadoc";

    private final List<PackageProblem> problems;

    DescriptorReader(List<PackageProblem> problems) {
        this.problems = problems;
    }

    Optional<AppDescriptor> read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            problem("descriptor", "is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")",
                    "write " + AppDescriptor.PATH + " as a JSON object; " + EXAMPLE);
            return Optional.empty();
        } catch (IOException e) {
            problem("descriptor", "cannot be read: " + e.getMessage(), "write " + AppDescriptor.PATH + " as UTF-8 JSON");
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            problem("descriptor", "is not a JSON object", "write " + AppDescriptor.PATH + " as a JSON object; " + EXAMPLE);
            return Optional.empty();
        }
        int before = problems.size();
        String id = text(root, "id", "lower-case letters, digits and -, 3 to 40 characters, starting with a letter, e.g. hello-school");
        if (id != null && !AppDescriptor.ID.matcher(id).matches()) {
            problem("descriptor.id", "'" + id + "' is not a valid app id",
                    "use lower-case letters, digits and -, 3 to 40 characters, starting with a letter, e.g. hello-school");
        }
        String version = text(root, "version", "major.minor.micro, e.g. 1.0.0");
        if (version != null && !VERSION.matcher(version).matches()) {
            problem("descriptor.version", "'" + version + "' is not a version of the form major.minor.micro",
                    "write three numbers separated by dots, e.g. 1.2.0");
        }
        String sdk = text(root, "sdk", "an OSGi version range of the SDK the app was built for, e.g. [1.0,2)");
        if (sdk != null) {
            try {
                new VersionRange(sdk);
            } catch (IllegalArgumentException e) {
                problem("descriptor.sdk", "'" + sdk + "' is not a version range", "write an OSGi version range such as [1.0,2) "
                        + "(from 1.0 up to, not including, 2)");
            }
        }
        JsonNode name = root.get("name");
        String nameZh = null;
        String nameEn = null;
        if (name == null || !name.isObject()) {
            problem("descriptor.name", name == null ? "is missing" : "is not an object",
                    "give the app's names as {\"zh-CN\": \"…\", \"en\": \"…\"}");
        } else {
            nameZh = text(name, "zh-CN", "descriptor.name.zh-CN", "the app's name in Chinese, at most 100 characters");
            nameEn = text(name, "en", "descriptor.name.en", "the app's name in English, at most 100 characters");
        }
        String vendor = text(root, "vendor", "who makes the app, at most 100 characters");
        List<String> scopes = strings(root, "scopes", false, SCOPE, "OAuth scope names such as profile or basedata.read");
        List<String> bundles = strings(root, "bundles", true, SYMBOLIC_NAME, "the Bundle-SymbolicName of each of the app's bundles");
        List<String> roles = strings(root, "roles", false, ROLE, "role names such as teacher or school-admin (who may launch the app)");
        String images = "paths in the package of PNG, JPEG, SVG or WebP images, e.g. META-INF/icon.png";
        String icon = root.hasNonNull("icon") ? text(root, "icon", images) : null;
        if (icon != null && !image(icon)) {
            problem("descriptor.icon", "'" + icon + "' is not an image path", "write " + images);
        }
        List<String> screenshots = strings(root, "screenshots", false, IMAGE, images);
        if (screenshots.size() > MOST_SCREENSHOTS) {
            problem("descriptor.screenshots", "lists " + screenshots.size() + " screenshots", "list at most " + MOST_SCREENSHOTS);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AppDescriptor(id, version, sdk, nameZh, nameEn, vendor, scopes, bundles, roles, icon, screenshots));
    }

    private String text(JsonNode object, String member, String what) {
        return text(object, member, "descriptor." + member, what);
    }

    private String text(JsonNode object, String member, String where, String what) {
        JsonNode value = object.get(member);
        if (value == null || value.isNull()) {
            problem(where, "is missing", "add \"" + member + "\": " + what);
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(where, value.isTextual() ? "is blank" : "is not a string", "write \"" + member + "\" as a string: " + what);
            return null;
        }
        if (value.asText().length() > 100) {
            problem(where, "is longer than 100 characters", "shorten it: " + what);
            return null;
        }
        return value.asText().strip();
    }

    private List<String> strings(JsonNode object, String member, boolean required, Pattern shape, String what) {
        JsonNode value = object.get(member);
        String where = "descriptor." + member;
        if (value == null || value.isNull()) {
            if (required) {
                problem(where, "is missing", "add \"" + member + "\": [...] with " + what);
            }
            return List.of();
        }
        if (!value.isArray() || (required && value.isEmpty())) {
            problem(where, value.isArray() ? "is empty" : "is not an array", "write \"" + member + "\" as an array of " + what);
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || !shape.matcher(item.asText()).matches()) {
                problem(where + "[" + i + "]", "'" + item.asText() + "' is not valid", "write " + what);
            } else if (items.contains(item.asText())) {
                problem(where + "[" + i + "]", "'" + item.asText() + "' is listed twice", "list each once");
            } else {
                items.add(item.asText());
            }
        }
        return items;
    }

    /** True for a relative path to an image, never above the package's root. */
    static boolean image(String path) {
        return IMAGE.matcher(path).matches() && !path.startsWith("/") && !List.of(path.split("/")).contains("..");
    }

    private void problem(String where, String what, String fix) {
        problems.add(new PackageProblem(where, what, fix));
    }

    /** The OSGi version of a descriptor version already checked for shape. */
    static Version version(String text) {
        return Version.parseVersion(text);
    }
}
