package org.cifarzoo.harness.data;

/** The CIFAR-10 input is not what the official binary layout says; the message names the file and byte offset. */
public class CifarFormatException extends RuntimeException {
    public CifarFormatException(String message) {
        super(message);
    }

    public CifarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
