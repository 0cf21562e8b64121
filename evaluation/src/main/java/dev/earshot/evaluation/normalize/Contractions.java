package dev.earshot.evaluation.normalize;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * whisper's English rewrite table: contractions and slang, titles, perfect tenses, then the general apostrophe
 * endings. The order matters ("'s been" must win over "'s"), so the rules are applied as listed.
 */
final class Contractions {

    private record Rule(Pattern pattern, String replacement) {
        Rule(String pythonPattern, String replacement) {
            this(PythonRegex.compile(pythonPattern), Matcher.quoteReplacement(replacement));
        }
    }

    private static final List<Rule> RULES = List.of(
            // contractions and slang
            new Rule("\\bwon't\\b", "will not"),
            new Rule("\\bcan't\\b", "can not"),
            new Rule("\\blet's\\b", "let us"),
            new Rule("\\bain't\\b", "aint"),
            new Rule("\\by'all\\b", "you all"),
            new Rule("\\bwanna\\b", "want to"),
            new Rule("\\bgotta\\b", "got to"),
            new Rule("\\bgonna\\b", "going to"),
            new Rule("\\bi'ma\\b", "i am going to"),
            new Rule("\\bimma\\b", "i am going to"),
            new Rule("\\bwoulda\\b", "would have"),
            new Rule("\\bcoulda\\b", "could have"),
            new Rule("\\bshoulda\\b", "should have"),
            new Rule("\\bma'am\\b", "madam"),
            // titles and prefixes; the trailing space keeps "mr.smith" two words
            new Rule("\\bmr\\b", "mister "),
            new Rule("\\bmrs\\b", "missus "),
            new Rule("\\bst\\b", "saint "),
            new Rule("\\bdr\\b", "doctor "),
            new Rule("\\bprof\\b", "professor "),
            new Rule("\\bcapt\\b", "captain "),
            new Rule("\\bgov\\b", "governor "),
            new Rule("\\bald\\b", "alderman "),
            new Rule("\\bgen\\b", "general "),
            new Rule("\\bsen\\b", "senator "),
            new Rule("\\brep\\b", "representative "),
            new Rule("\\bpres\\b", "president "),
            new Rule("\\brev\\b", "reverend "),
            new Rule("\\bhon\\b", "honorable "),
            new Rule("\\basst\\b", "assistant "),
            new Rule("\\bassoc\\b", "associate "),
            new Rule("\\blt\\b", "lieutenant "),
            new Rule("\\bcol\\b", "colonel "),
            new Rule("\\bjr\\b", "junior "),
            new Rule("\\bsr\\b", "senior "),
            new Rule("\\besq\\b", "esquire "),
            // perfect tenses, where "'d" and "'s" are not "would" and "is"
            new Rule("'d been\\b", " had been"),
            new Rule("'s been\\b", " has been"),
            new Rule("'d gone\\b", " had gone"),
            new Rule("'s gone\\b", " has gone"),
            new Rule("'d done\\b", " had done"),
            new Rule("'s got\\b", " has got"),
            // general endings
            new Rule("n't\\b", " not"),
            new Rule("'re\\b", " are"),
            new Rule("'s\\b", " is"),
            new Rule("'d\\b", " would"),
            new Rule("'ll\\b", " will"),
            new Rule("'t\\b", " not"),
            new Rule("'ve\\b", " have"),
            new Rule("'m\\b", " am"));

    private Contractions() {
    }

    static String expand(String text) {
        String s = text;
        for (Rule rule : RULES) {
            s = rule.pattern().matcher(s).replaceAll(rule.replacement());
        }
        return s;
    }
}
