package io.kubeorch.inventory;

import java.util.List;

/**
 * A check of an inventory against the kubeorch server that is to install it: what the inventory
 * names on that server (key and known_hosts files, password variables) is there and usable. The
 * code that uses those things implements it, so that a setting is checked by the same rule it is
 * used by. {@link InventoryParser#parse} runs every check when an install starts, after the
 * inventory's own rules passed; {@link InventoryParser#read}, for an inventory already accepted,
 * runs none.
 */
public interface ServerSideCheck {

    /** Every problem found, each naming its field and what to do; empty when all is usable. */
    List<InventoryError> check(Inventory inventory);
}
