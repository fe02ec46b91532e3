using System.Globalization;

// A library that follows the kernel's formatter convention without any reference to it or to the runner: the
// attribute is its own, matched by name only, and the sources and formatters are plain classes.
namespace Attend.Notebooks.Tests.FakeLibrary;

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}

[TypeFormatterSource(typeof(GaugeSource))]
internal class Gauge(double value)
{
    public double Value { get; } = value;

    public override string ToString() => $"Gauge({Value.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>Inherits <see cref="Gauge"/>'s attribute.</summary>
internal sealed class PressureGauge(double value) : Gauge(value);

[TypeFormatterSource(typeof(GaugeSource), PreferredMimeTypes = ["text/one", "text/plain"])]
internal sealed class LabelledGauge(double value) : Gauge(value);

[TypeFormatterSource(typeof(GaugeSource))]
internal interface IInstrument;

/// <summary>Implements an interface that carries the attribute: the kernel does not look there.</summary>
internal sealed class Dial : IInstrument
{
    public override string ToString() => "dial";
}

internal sealed class GaugeSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
        new[] { "text/plain", "text/html", "text/one" }.Select(mimeType => new GaugeFormatter(mimeType));
}

internal sealed class GaugeFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(Gauge);

    public bool Format(object instance, TextWriter writer)
    {
        writer.Write($"gauge {((Gauge)instance).Value.ToString(CultureInfo.InvariantCulture)} as {MimeType}");
        return true;
    }
}

/// <summary>A formatter without a Type property (it formats the displayed type) that declines some values.</summary>
[TypeFormatterSource(typeof(ThermometerSource))]
internal sealed class Thermometer(double kelvinOffset)
{
    public double Celsius { get; } = kelvinOffset;

    public override string ToString() => $"Thermometer({Celsius.ToString(CultureInfo.InvariantCulture)})";
}

internal sealed class ThermometerSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new UntypedFormatter { MimeType = "text/plain" };
    }

    internal sealed class UntypedFormatter
    {
        public string MimeType { get; init; } = "";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is Thermometer { Celsius: < -273.15 })
            {
                return false;
            }

            writer.Write($"untyped for {instance.GetType().Name}");
            return true;
        }
    }
}

[TypeFormatterSource(typeof(SourceWithoutDefaultConstructor))]
internal sealed class Broken;

internal sealed class SourceWithoutDefaultConstructor(int unused)
{
    public IEnumerable<object> CreateTypeFormatters() => [unused];
}

[TypeFormatterSource(typeof(WrongSignatureSource))]
internal sealed class WrongSignature;

internal sealed class WrongSignatureSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new TypedFormatter()];

    internal sealed class TypedFormatter
    {
        public string MimeType => "text/plain";

        public void Format(WrongSignature instance, TextWriter writer) => writer.Write(instance);
    }
}
