package dev.earshot.model.hub;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubSettingsTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void theCacheFollowsHuggingFaceHubsPrecedence() {
        assertEquals(Path.of("/c"), HubSettings.from(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), HOME).cacheRoot());
        assertEquals(Path.of("/h/hub"), HubSettings.from(Map.of("HF_HOME", "/h", "XDG_CACHE_HOME", "/x"), HOME).cacheRoot());
        assertEquals(Path.of("/x/huggingface/hub"), HubSettings.from(Map.of("XDG_CACHE_HOME", "/x"), HOME).cacheRoot());
        assertEquals(HOME.resolve(".cache/huggingface/hub"), HubSettings.from(Map.of(), HOME).cacheRoot());
    }

    @Test
    void offlineTokenAndEndpointComeFromTheEnvironment() {
        assertTrue(HubSettings.from(Map.of("HF_HUB_OFFLINE", "1"), HOME).offline());
        assertTrue(HubSettings.from(Map.of("HF_HUB_OFFLINE", "True"), HOME).offline());
        assertFalse(HubSettings.from(Map.of("HF_HUB_OFFLINE", "0"), HOME).offline());
        assertFalse(HubSettings.from(Map.of(), HOME).offline());
        HubSettings s = HubSettings.from(Map.of("HF_TOKEN", "hf_abc\n", "HF_ENDPOINT", "http://mirror.example/"), HOME);
        assertEquals(Optional.of("hf_abc"), s.token());
        assertEquals(URI.create("http://mirror.example"), s.endpoint());
        assertFalse(s.toString().contains("hf_abc"), "the token is never printed");
        assertEquals(HubSettings.DEFAULT_ENDPOINT, HubSettings.from(Map.of(), HOME).endpoint());
    }
}
