package org.educloud.testkit;

/**
 * A school the kit seeded in the kernel's basic data.
 *
 * @param path its org path from the province down, e.g. {@code /99/9901/990101/9901010001}; what
 *             role grants and installations name
 * @param code its 10-digit school code
 * @param name its name (zh-CN)
 */
public record School(String path, String code, String name) {
}
