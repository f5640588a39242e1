package org.educloud.appcenter.packages.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parts of a Karaf features repository the checks look at: its features, what each one
 * holds, and the elements an app's feature may not use. Parsed with DTDs and external entities
 * off, since the file comes from outside.
 *
 * @param features the features, in document order
 * @param repositoryReferences how many other repositories it refers to
 */
record FeaturesRepository(List<AppFeature> features, int repositoryReferences) {

    /** One feature: its name, version, bundle locations and the names of child elements other than bundles. */
    record AppFeature(String name, String version, List<String> bundles, List<String> otherElements) {
    }

    static FeaturesRepository parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document document = builder.parse(new ByteArrayInputStream(xml));
        Element root = document.getDocumentElement();
        if (!"features".equals(root.getLocalName())) {
            throw new IllegalArgumentException("its root element is <" + root.getLocalName() + ">, not <features>");
        }
        List<AppFeature> features = new ArrayList<>();
        int repositories = 0;
        for (Element child : children(root)) {
            if ("repository".equals(child.getLocalName())) {
                repositories++;
            } else if ("feature".equals(child.getLocalName())) {
                List<String> bundles = new ArrayList<>();
                List<String> others = new ArrayList<>();
                for (Element part : children(child)) {
                    if ("bundle".equals(part.getLocalName())) {
                        bundles.add(part.getTextContent().strip());
                    } else if (!"details".equals(part.getLocalName())) {
                        others.add(part.getLocalName());
                    }
                }
                String version = child.getAttribute("version");
                features.add(new AppFeature(child.getAttribute("name"), version.isEmpty() ? "0.0.0" : version, bundles, others));
            }
        }
        return new FeaturesRepository(features, repositories);
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }
}
