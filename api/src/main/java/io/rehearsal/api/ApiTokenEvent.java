package io.rehearsal.api;

/** Every event of the ApiToken aggregate. */
public interface ApiTokenEvent {
    ApiTokenId tokenId();
}
