package dev.earshot.model.tokenizer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonTextTest {

    @Test
    void stripUsesPythonsWhitespace() {
        assertEquals("a b", PythonText.strip("\u001C\u00A0\u2009\u3000 a b\n\u0085\u202F"));
        assertEquals("\uFEFFa\u200B", PythonText.strip(" \uFEFFa\u200B "), "ZWNBSP and ZWSP are not whitespace");
        assertEquals("", PythonText.strip("\t\r\n\u000B\u000C\u001F\u2028\u2029"));
        assertEquals("😀", PythonText.strip(" 😀 "));
    }

    @Test
    void punctuationIsASubstringOfStringPunctuation() {
        assertTrue(PythonText.isPunctuationLike(","));
        assertTrue(PythonText.isPunctuationLike(" ()"));
        assertTrue(PythonText.isPunctuationLike(""));
        assertTrue(PythonText.isPunctuationLike("\n"));
        assertTrue(PythonText.isPunctuationLike("\u00A0"));
        assertTrue(PythonText.isPunctuationLike(":;<=>"));
        assertFalse(PythonText.isPunctuationLike("?!"));
        assertFalse(PythonText.isPunctuationLike("。"));
        assertFalse(PythonText.isPunctuationLike("a"));
    }
}
