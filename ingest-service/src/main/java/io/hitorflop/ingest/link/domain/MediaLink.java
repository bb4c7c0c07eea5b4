package io.hitorflop.ingest.link.domain;

import java.util.Map;

/** Where yt-dlp found the audio of a page: a progressive http(s) URL and the headers it must be fetched with. */
record MediaLink(String url, Map<String, String> headers) {
}
