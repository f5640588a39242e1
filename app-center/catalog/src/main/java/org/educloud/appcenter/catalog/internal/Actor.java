package org.educloud.appcenter.catalog.internal;

/**
 * Who acts and from where, for the record.
 *
 * @param name    the username (or client id, or {@code shell:<user>})
 * @param address the remote address, or {@code null} when there is none (the shell)
 */
public record Actor(String name, String address) {
}
