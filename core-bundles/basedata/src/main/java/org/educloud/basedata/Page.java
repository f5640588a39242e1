package org.educloud.basedata;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param items the rows, in a stable order
 * @param next  the cursor to ask for the following page with; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }
}
