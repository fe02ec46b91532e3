using Attend.Data;

namespace Attend.Tests;

public sealed class DataTokenizerTests
{
    [Theory]
    [InlineData("Go.", "go .")]
    [InlineData("I'm sure.", "i m sure .")]
    [InlineData("Hi...", "hi . . .")]
    [InlineData("Je suis prête\u202f!", "je suis prete !")]
    [InlineData("Ça va\u00a0?", "ca va ?")]
    [InlineData("C'est l'été, non ?", "c est l ete non ?")]
    [InlineData("J'ai 3 chats.", "j ai chats .")]
    [InlineData("Mon cœur.", "mon c ur .")] // œ has no decomposition: the tutorial turns it into a space
    [InlineData("  «\u00a0Où\u00a0?\u00a0»  ", "ou ?")]
    [InlineData("", "")]
    public void TutorialMatchesPyTorchNormalization(string text, string expected) =>
        Assert.Equal(expected, Tokenizer.Tutorial.Normalize(text));

    [Theory]
    [InlineData("Je suis prête\u202f!", "je suis prête !")]
    [InlineData("Ça va\u00a0?", "ça va ?")]
    [InlineData("Mon cœur.", "mon cœur .")]
    [InlineData("C'est l'été, non ?", "c est l été non ?")]
    [InlineData("ÉLÈVE", "élève")]
    public void AccentedKeepsTheLetters(string text, string expected) =>
        Assert.Equal(expected, Tokenizer.Accented.Normalize(text));

    [Fact]
    public void AccentedComposesDecomposedLetters()
    {
        // "été" typed as e + combining acute: the same token as the precomposed "été" of the corpus.
        var tokens = Tokenizer.Accented.Tokenize("e\u0301te\u0301");
        Assert.Equal(["\u00e9t\u00e9"], tokens);
        Assert.Equal(["ete"], Tokenizer.Tutorial.Tokenize("e\u0301te\u0301"));
    }

    [Fact]
    public void TokenizeSplitsPunctuationIntoTokens()
    {
        Assert.Equal(["he", "s", "here", "!"], Tokenizer.Tutorial.Tokenize("He's here!"));
        Assert.True(Tokenizer.Accented.KeepAccents);
        Assert.False(Tokenizer.Tutorial.KeepAccents);
    }

    [Fact]
    public void LatinAccentsDecomposeRecursivelyAndCompose()
    {
        Assert.Equal("e", LatinAccents.Strip("ệ"));           // ệ → ẹ + ̂ → e + ̣ + ̂
        Assert.Equal("ệ", LatinAccents.Compose("e\u0323\u0302"));
        Assert.Equal("Ceske Budejovice", LatinAccents.Strip("České Budějovice"));
        Assert.Equal("a", LatinAccents.Strip("a\u0301")); // a lone combining mark is dropped too
    }
}
