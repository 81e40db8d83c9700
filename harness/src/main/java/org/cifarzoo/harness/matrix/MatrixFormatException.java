package org.cifarzoo.harness.matrix;

/** A matrix file is malformed; the message names the file, the line and the field. */
public class MatrixFormatException extends IllegalArgumentException {
    public MatrixFormatException(String message) {
        super(message);
    }

    public MatrixFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
