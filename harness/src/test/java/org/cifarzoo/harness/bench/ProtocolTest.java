package org.cifarzoo.harness.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProtocolTest {
    @Test
    void refusalNamesTheValuesGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Protocol(1, 150, 10, 30, 2, 1));
        assertEquals("protocol needs 0 <= clock start < steps - 1 and warm-up >= 0: warm-up 1, training steps 150 "
                + "(clock from 10), inference steps 2 (clock from 1)", e.getMessage());
    }
}
