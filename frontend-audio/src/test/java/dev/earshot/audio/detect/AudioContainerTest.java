package dev.earshot.audio.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AudioContainerTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "52494646246c0500574156456d742020, WAV",
            "52463634ffffffff5741564564733634, WAV",
            "42573634ffffffff5741564564733634, WAV",
            "52494646, WAV",
            "524946462400000041564920, RIFF_OTHER",
            "664c614300000022, FLAC",
            "4944330400000000, MP3",
            "fffb9064000000, MP3",
            "fff3, MP3",
            "fff15080, AAC_ADTS",
            "4f67675300020000, OGG",
            "0000002066747970, MP4",
            "00000018667479704d344120, MP4",
            "1a45dfa3a3428681, MATROSKA",
            "464f524d00001234414946, UNKNOWN",
            "464f524d0000123441494646, AIFF",
            "464f524d0000123441494643, AIFF",
            "6361666600010000, CAF",
            "2e736e6400000018, AU",
            "3026b2758e66cf11a6d900aa, ASF",
            "2321414d520a, AMR",
            "68656c6c6f2c20776f726c64, UNKNOWN",
            "00, UNKNOWN",
            "ff, UNKNOWN",
    })
    void detectsTheKindFromTheFirstBytes(String hex, AudioContainer expected) {
        byte[] head = HexFormat.of().parseHex(hex);
        assertEquals(expected, AudioContainer.detect(head, head.length));
    }

    @ParameterizedTest
    @CsvSource({"5249464624", "664c6143"})
    void onlyTheValidBytesCount(String hex) {
        byte[] buffer = new byte[AudioContainer.HEAD_BYTES];
        byte[] head = HexFormat.of().parseHex(hex);
        System.arraycopy(head, 0, buffer, 0, head.length);
        assertEquals(AudioContainer.UNKNOWN, AudioContainer.detect(buffer, 3), "three bytes are too few for either");
    }
}
