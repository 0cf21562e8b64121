package dev.earshot.evaluation.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void jsonlManifestResolvesAudioBesideTheManifest() throws IOException {
        Path manifest = Files.writeString(dir.resolve("set.jsonl"), """
                {"audio": "a/one.wav", "text": "Hello there.", "language": "en"}

                {"audio": "two.wav", "text": "Second"}
                """);
        List<Utterance> utterances = Datasets.read(manifest);
        assertEquals(2, utterances.size());
        assertEquals(new Utterance("a/one.wav", dir.toAbsolutePath().resolve("a/one.wav"), "Hello there.", "en"),
                utterances.get(0));
        assertNull(utterances.get(1).language());
    }

    @Test
    void jsonlManifestErrorsNameTheLine() throws IOException {
        Path manifest = Files.writeString(dir.resolve("bad.jsonl"), """
                {"audio": "one.wav", "text": "fine"}
                {"audio": "two.wav"}
                """);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.read(manifest));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("\"text\""), e.getMessage());
    }

    @Test
    void librispeechChaptersBecomeUtterances() throws IOException {
        Path chapter = Files.createDirectories(dir.resolve("test-clean/1089/134686"));
        Files.writeString(chapter.resolve("1089-134686.trans.txt"), """
                1089-134686-0000 HE HOPED THERE WOULD BE STEW FOR DINNER
                1089-134686-0001 STUFF IT INTO YOU
                """);
        List<Utterance> utterances = Datasets.read(dir.resolve("test-clean"));
        assertEquals(List.of(
                new Utterance("1089-134686-0000", chapter.resolve("1089-134686-0000.flac"),
                        "HE HOPED THERE WOULD BE STEW FOR DINNER", "en"),
                new Utterance("1089-134686-0001", chapter.resolve("1089-134686-0001.flac"), "STUFF IT INTO YOU", "en")),
                utterances);
    }

    @Test
    void commonVoiceTsvReadsClipsBesideIt() throws IOException {
        Path tsv = Files.writeString(dir.resolve("test.tsv"),
                "client_id\tpath\tsentence\tup_votes\tlocale\n"
                        + "abc\tcommon_voice_fr_1.mp3\tBonjour à tous.\t2\tfr\n");
        List<Utterance> utterances = Datasets.read(tsv);
        assertEquals(List.of(new Utterance("common_voice_fr_1.mp3",
                dir.toAbsolutePath().resolve("clips/common_voice_fr_1.mp3"), "Bonjour à tous.", "fr")), utterances);
    }

    @Test
    void missingDatasetIsAnError() {
        assertThrows(DatasetFormatException.class, () -> Datasets.read(dir.resolve("absent.jsonl")));
    }
}
