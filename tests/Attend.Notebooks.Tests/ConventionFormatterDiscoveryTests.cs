using Attend.Notebooks.Formatting;
using Attend.Notebooks.Tests.FakeLibrary;

namespace Attend.Notebooks.Tests;

/// <summary>
/// The kernel's convention-based formatter sources (dotnet/interactive FormatterTests.FormatterSources), checked on a
/// fake library that only shares the attribute's name with the kernel, and on the Attend library itself.
/// </summary>
public class ConventionFormatterDiscoveryTests
{
    private readonly FormatterRegistry registry = new();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    public void ASourceNamedByAnAttributeOfThatNameFormatsTheType(string mimeType)
    {
        Assert.Equal($"gauge 0.25 as {mimeType}", registry.Format(new Gauge(0.25), mimeType));
    }

    [Fact]
    public void WithoutPreferredMimeTypesTheKernelDefaultTextHtmlIsShownAlone()
    {
        Assert.Equal([MimeTypes.Html], registry.PreferredMimeTypes(new Gauge(0.25)));
    }

    [Fact]
    public void TheAttributesPreferredMimeTypesAreUsedInOrder()
    {
        Assert.Equal(["text/one", "text/plain"], registry.PreferredMimeTypes(new LabelledGauge(0.5)));
        Assert.Equal("gauge 0.5 as text/one", registry.Format(new LabelledGauge(0.5), "text/one"));
    }

    [Fact]
    public void AnAttributeOnABaseClassIsInheritedButOneOnAnInterfaceIsIgnored()
    {
        Assert.Equal("gauge 2 as text/plain", registry.Format(new PressureGauge(2), MimeTypes.PlainText));
        Assert.Equal([MimeTypes.Html], registry.PreferredMimeTypes(new PressureGauge(2)));

        Assert.Equal("dial", registry.Format(new Dial(), MimeTypes.PlainText));
        Assert.Equal([MimeTypes.PlainText], registry.PreferredMimeTypes(new Dial()));
    }

    [Fact]
    public void AFormatterWithoutATypeFormatsTheDisplayedTypeAndFalseDeclines()
    {
        Assert.Equal("untyped for Thermometer", registry.Format(new Thermometer(20), MimeTypes.PlainText));
        Assert.Equal("Thermometer(-300)", registry.Format(new Thermometer(-300), MimeTypes.PlainText)); // declined: the default
    }

    [Fact]
    public void RegisteredFormattersWinAndSourcesComeBackAfterAReset()
    {
        registry.Register(TypeFormatter.Create<object>(_ => "registered", MimeTypes.PlainText));
        Assert.Equal("registered", registry.Format(new Gauge(1), MimeTypes.PlainText));

        registry.ResetToDefault();
        Assert.Equal("gauge 1 as text/plain", registry.Format(new Gauge(1), MimeTypes.PlainText));
        Assert.Equal(["text/one", "text/plain"], registry.PreferredMimeTypes(new LabelledGauge(1)));
    }

    [Fact]
    public void ASourceThatBreaksTheConventionFailsTheDisplayWithTheReason()
    {
        var constructor = Assert.Throws<InvalidOperationException>(() => registry.Format(new Broken(), MimeTypes.PlainText));
        Assert.Contains("needs a public parameterless constructor", constructor.Message);
        Assert.Contains(nameof(Broken), constructor.Message);

        var signature = Assert.Throws<InvalidOperationException>(() => registry.Format(new WrongSignature(), MimeTypes.PlainText));
        Assert.Contains("bool Format(object instance, TextWriter writer)", signature.Message);

        // Still failing the second time: nothing half-discovered was kept.
        Assert.Throws<InvalidOperationException>(() => registry.Format(new Broken(), MimeTypes.PlainText));
    }

    [Fact]
    public void ARegistryWithoutConventionDiscoveryIgnoresTheAttribute()
    {
        var plain = new FormatterRegistry(discoverByConvention: false);
        Assert.Equal("Gauge(0.5)", plain.Format(new Gauge(0.5), MimeTypes.PlainText));
    }

    [Fact]
    public void AttendTensorsShowAsHtmlAndPlainTextWithTheirPyTorchRepr()
    {
        var tensor = torch.tensor([1f, 2.5f]);
        var parameter = new Parameter(torch.zeros(2));

        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], registry.PreferredMimeTypes(tensor));
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], registry.PreferredMimeTypes(parameter));
        Assert.Equal("tensor([1.0000, 2.5000])", registry.Format(tensor, MimeTypes.PlainText));
        Assert.Equal(parameter.ToString(), registry.Format(parameter, MimeTypes.PlainText));
        Assert.Contains("class=\"attend-tensor\"", registry.Format(tensor, MimeTypes.Html));
        Assert.Contains("parameter [2]", registry.Format(parameter, MimeTypes.Html));
    }

    [Fact]
    public void AttendRichDisplaysShowTheirHtmlAndTheirOneLineText()
    {
        // Started outside a cell, the runner's display() writes its text to the console; the formatting is what counts here.
        var progress = Attend.Display.TrainingProgress.Start(4, "fit");
        progress.Report(1, 0.5f);
        progress.Finish(); // stops the clock, so that two renderings agree

        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], registry.PreferredMimeTypes(progress));
        Assert.Equal(progress.ToHtml(), registry.Format(progress, MimeTypes.Html));
        Assert.StartsWith("fit [", registry.Format(progress, MimeTypes.PlainText));
    }
}
