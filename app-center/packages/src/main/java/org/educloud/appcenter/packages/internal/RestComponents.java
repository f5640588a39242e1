package org.educloud.appcenter.packages.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.educloud.sdk.app.AppDescriptor;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads an app bundle's Declarative Services component descriptions and finds the JAX-RS
 * resources and extensions that would be served outside the app's own application
 * ({@link AppDescriptor#APPLICATION_PROPERTY}). In the kernel's default application such a resource
 * could claim any path, a kernel API's included, and every install of it would interrupt the
 * kernel's APIs; a JAX-RS application of the app's own could be based anywhere. Both are refused.
 */
final class RestComponents {

    private static final String SELECT = "osgi.jaxrs.application.select";

    private RestComponents() {
    }

    /**
     * What is wrong with the REST components of one bundle, one sentence each.
     *
     * @param appId      the app the bundle belongs to
     * @param components the bundle's {@code Service-Component} header, or null
     * @param entries    the bundle's entries by path
     */
    static List<String> problems(String appId, String components, Map<String, byte[]> entries) {
        List<String> problems = new ArrayList<>();
        if (components == null) {
            return problems;
        }
        String expected = AppDescriptor.applicationSelect(appId);
        for (String path : components.split(",")) {
            String entry = path.strip();
            byte[] xml = entries.get(entry.startsWith("/") ? entry.substring(1) : entry);
            if (entry.isEmpty() || entry.contains("*")) {
                continue; // bnd writes each description's path; a wildcard names no one file to check
            }
            if (xml == null) {
                problems.add("names the component description " + entry + " in Service-Component, which is not in the bundle");
                continue;
            }
            try {
                for (Element component : elements(xml, "component")) {
                    Map<String, String> properties = properties(component, entries);
                    String name = component.getAttribute("name");
                    if (provides(component, "javax.ws.rs.core.Application")) {
                        problems.add("component " + name + " registers a JAX-RS application; the kernel runs the app's own at "
                                + AppDescriptor.apiPath(appId) + ": register resources that select " + expected + " instead");
                    } else if (isTrue(properties.get("osgi.jaxrs.resource")) || isTrue(properties.get("osgi.jaxrs.extension"))) {
                        String select = properties.get(SELECT);
                        if (select == null || !select.strip().equals(expected)) {
                            problems.add("component " + name + " is a JAX-RS " + (isTrue(properties.get("osgi.jaxrs.resource"))
                                    ? "resource" : "extension") + " outside the app's own application (" + SELECT + " is "
                                    + (select == null ? "not set" : select) + "): add @JaxrsApplicationSelect(\"" + expected
                                    + "\") and give its @Path relative to " + AppDescriptor.apiPath(appId));
                        }
                    }
                }
            } catch (IOException | SAXException | ParserConfigurationException e) {
                problems.add("has a component description " + entry + " that is not readable XML: " + e.getMessage());
            }
        }
        return problems;
    }

    private static List<Element> elements(byte[] xml, String localName) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        NodeList nodes = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getElementsByTagNameNS("*", localName);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** A component's properties: its {@code properties} files (in the bundle) first, then its {@code property} elements. */
    private static Map<String, String> properties(Element component, Map<String, byte[]> entries) throws IOException {
        Map<String, String> properties = new HashMap<>();
        NodeList files = component.getElementsByTagNameNS("*", "properties");
        for (int i = 0; i < files.getLength(); i++) {
            String entry = ((Element) files.item(i)).getAttribute("entry");
            byte[] content = entries.get(entry.startsWith("/") ? entry.substring(1) : entry);
            if (content != null) {
                Properties file = new Properties();
                file.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
                file.stringPropertyNames().forEach(key -> properties.put(key, file.getProperty(key)));
            }
        }
        NodeList elements = component.getElementsByTagNameNS("*", "property");
        for (int i = 0; i < elements.getLength(); i++) {
            Element property = (Element) elements.item(i);
            String value = property.hasAttribute("value") ? property.getAttribute("value") : property.getTextContent().strip();
            properties.put(property.getAttribute("name"), value);
        }
        return properties;
    }

    private static boolean provides(Element component, String type) {
        NodeList provides = component.getElementsByTagNameNS("*", "provide");
        for (int i = 0; i < provides.getLength(); i++) {
            if (type.equals(((Element) provides.item(i)).getAttribute("interface"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }
}
