using Attend.Data;

namespace Attend.Tests;

/// <summary>The 13a tokenizer, on cases worked out by hand from the mteval-v13a rules.</summary>
public sealed class BleuTokenizerTests
{
    [Theory]
    [InlineData("I'm a student.", "I'm a student .")]                 // apostrophes stay inside words
    [InlineData("The dog bit the man.", "The dog bit the man .")]
    [InlineData("It wasn't surprising.", "It wasn't surprising .")]
    [InlineData("3.14 and 1,000, ok.", "3.14 and 1,000 , ok .")]     // period and comma stay inside numbers
    [InlineData("1990-2000", "1990 - 2000")]                          // a dash after a digit splits
    [InlineData("well-known", "well-known")]                          // a dash between letters does not
    [InlineData("$5 (approx.)", "$ 5 ( approx . )")]
    [InlineData("&quot;Hi&quot; &amp; bye &lt;3", "\" Hi \" & bye < 3")] // entities are unescaped, then split
    [InlineData("a<skipped>b", "ab")]
    [InlineData("end-\nof line\nnext", "endof line next")]            // a line-wrapping hyphen joins the word
    [InlineData("x{y}|z~w[v]^u_t`s", "x { y } | z ~ w [ v ] ^ u _ t ` s")]
    [InlineData("a!b\"c#d%e*f+g:h;i=j?k@l/m", "a ! b \" c # d % e * f + g : h ; i = j ? k @ l / m")]
    [InlineData("  lots   of\tspace  ", "lots of space")]
    [InlineData("Mr.Smith", "Mr . Smith")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("a.,b", "a . , b")]
    [InlineData("", "")]
    public void SplitsAsMteval13a(string line, string expected) => Assert.Equal(expected, Tokenizer13a.Tokenize(line));

    [Fact]
    public void TokenizedTextIsAFixedPoint()
    {
        var once = Tokenizer13a.Tokenize("Il a dit : « c'est 3,5 % de 1.000 ! »");
        Assert.Equal(once, Tokenizer13a.Tokenize(once));
    }
}
