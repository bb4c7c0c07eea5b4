package io.hitorflop.ingest.api;

import jakarta.enterprise.context.RequestScoped;

/** The API key id of the current request, set by {@link ApiKeyFilter}; null when access control is off. */
@RequestScoped
public class Caller {

    private String owner;

    public String owner() {
        return owner;
    }

    void identified(String keyId) {
        this.owner = keyId;
    }
}
