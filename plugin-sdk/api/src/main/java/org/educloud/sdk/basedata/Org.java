package org.educloud.sdk.basedata;

/**
 * An org: a school, or a district, city or province.
 *
 * @param id   its id (the sourced id in the base data)
 * @param path its path in the region's tree, e.g. {@code /37/3701/370102/3701020001}
 * @param code its code (a school's 10-digit code, a region's administrative code)
 * @param name its name, e.g. 济南市历下区第一实验小学
 * @param kind {@code province}, {@code city}, {@code district}, {@code school}, {@code department} or {@code vendor}
 */
public record Org(String id, String path, String code, String name, String kind) {
}
