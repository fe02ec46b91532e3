using Attend.Notebooks.Formatting;

namespace Attend.Notebooks.Tests;

public class FormatterTests
{
    private readonly FormatterRegistry registry = new();

    [Fact]
    public void PlainTextRendersNullsCollectionsPairsAndTuplesAsTheKernelDoes()
    {
        Assert.Equal("<null>", registry.Format(null, MimeTypes.PlainText));
        Assert.Equal("hello", registry.Format("hello", MimeTypes.PlainText));
        Assert.Equal("[ 1, 2.5, <null> ]", registry.Format(new object?[] { 1, 2.5f, null }, MimeTypes.PlainText));
        Assert.Equal("[ [ 1, 2 ], [ 3 ] ]", registry.Format(new[] { new[] { 1, 2 }, new[] { 3 } }, MimeTypes.PlainText));
        Assert.Equal("[ a: 1, b: 2 ]", registry.Format(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, MimeTypes.PlainText));
        Assert.Equal("( 1, x )", registry.Format((1, "x"), MimeTypes.PlainText));
    }

    [Fact]
    public void LongSequencesStopAtTheListExpansionLimit()
    {
        Assert.Equal("[ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 ... (5 more) ]",
            registry.Format(Enumerable.Range(0, 25), MimeTypes.PlainText));

        registry.ListExpansionLimit = 2;
        Assert.Equal("[ 0, 1 ... (10000+ more) ]", registry.Format(Enumerable.Range(0, int.MaxValue), MimeTypes.PlainText));
    }

    [Fact]
    public void TheMostSpecificRegisteredFormatterWinsAndAppliesInsideCollections()
    {
        registry.Register(TypeFormatter.Create<Animal>(a => "animal " + a.Name));
        registry.Register(TypeFormatter.Create<Dog>(d => "dog " + d.Name));
        Assert.Equal("[ animal tom, dog rex ]", registry.Format(new List<Animal> { new("tom"), new Dog("rex") }, MimeTypes.PlainText));

        registry.Register(TypeFormatter.Create<object>(_ => "object"));
        registry.Register(TypeFormatter.Create<IEnumerable<Dog>>(_ => "a pack"));
        Assert.Equal("dog rex", registry.Format(new Dog("rex"), MimeTypes.PlainText));
        Assert.Equal("animal tom", registry.Format(new Animal("tom"), MimeTypes.PlainText));
        Assert.Equal("a pack", registry.Format(new List<Dog>(), MimeTypes.PlainText));
        Assert.Equal("object", registry.Format(42, MimeTypes.PlainText));

        registry.ResetToDefault();
        Assert.Equal("[ tom ]", registry.Format(new[] { new Animal("tom") }, MimeTypes.PlainText));
    }

    [Fact]
    public void HtmlIsShownOnlyWhereATypeProvidesItAndPreferencesOverrideTheDefault()
    {
        Assert.Equal([MimeTypes.PlainText], registry.PreferredMimeTypes(new Animal("tom")));
        Assert.Equal([MimeTypes.PlainText], registry.PreferredMimeTypes("text"));
        Assert.Equal([MimeTypes.Html], registry.PreferredMimeTypes(new HtmlString("<b>x</b>")));

        registry.Register(TypeFormatter.Create<Animal>(a => $"<i>{a.Name}</i>", MimeTypes.Html));
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], registry.PreferredMimeTypes(new Dog("rex")));
        Assert.Equal("<i>rex</i>", registry.Format(new Dog("rex"), MimeTypes.Html));

        registry.SetPreferredMimeTypes(typeof(Dog), MimeTypes.PlainText);
        Assert.Equal([MimeTypes.PlainText], registry.PreferredMimeTypes(new Dog("rex")));
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], registry.PreferredMimeTypes(new Animal("tom")));
    }

    [Fact]
    public void DefaultHtmlIsTheEncodedPlainTextAndJsonIsSerialized()
    {
        Assert.Equal("<div class=\"dni-plaintext\"><pre>[ 1, 2 ] &lt;ok&gt;</pre></div>", registry.Format(new Animal("[ 1, 2 ] <ok>"), MimeTypes.Html));
        Assert.Equal("{\"Name\":\"tom\"}", registry.Format(new Animal("tom"), MimeTypes.Json));
    }

    [Fact]
    public void DiscoveryIsAskedOnceForEachNewTypeAndRanksBelowRegistrations()
    {
        var discovery = new CountingDiscovery();
        registry.AddDiscovery(discovery);

        Assert.Equal("discovered dog", registry.Format(new Dog("rex"), MimeTypes.PlainText));
        Assert.Equal("discovered dog", registry.Format(new Dog("max"), MimeTypes.PlainText));
        Assert.Equal(1, discovery.Asked[typeof(Dog)]);
        Assert.False(discovery.Asked.ContainsKey(typeof(Animal))); // only the runtime type is asked, as in the kernel

        registry.Register(TypeFormatter.Create<Animal>(_ => "registered"));
        Assert.Equal("registered", registry.Format(new Dog("rex"), MimeTypes.PlainText));
    }

    private record Animal(string Name)
    {
        public override string ToString() => Name;
    }

    private sealed record Dog(string Name) : Animal(Name);

    private sealed class CountingDiscovery : IFormatterDiscovery
    {
        public Dictionary<Type, int> Asked { get; } = [];

        public IEnumerable<ITypeFormatter> Discover(Type type)
        {
            Asked[type] = Asked.GetValueOrDefault(type) + 1;
            return type == typeof(Dog) ? [TypeFormatter.Create<Dog>(_ => "discovered dog")] : [];
        }
    }
}
