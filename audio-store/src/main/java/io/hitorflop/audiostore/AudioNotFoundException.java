package io.hitorflop.audiostore;

import java.io.IOException;

/** Nothing is stored under a reference: it was never stored, or it was already deleted. */
public class AudioNotFoundException extends IOException {

    private final String ref;

    public AudioNotFoundException(String ref) {
        super("no audio stored under '" + ref + "'");
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }
}
