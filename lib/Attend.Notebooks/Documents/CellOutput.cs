using System.Text.Json.Nodes;

namespace Attend.Notebooks.Documents;

/// <summary>
/// One output of a code cell: a <see cref="StreamOutput"/>, a <see cref="DisplayDataOutput"/> (also used for
/// <c>execute_result</c>) or an <see cref="ErrorOutput"/>.
/// </summary>
public abstract class CellOutput
{
    /// <summary>The <c>output_type</c> written for this output.</summary>
    public abstract string OutputType { get; }

    /// <summary>Keys this reader does not model, kept so that they are written back unchanged.</summary>
    public JsonObject ExtraProperties { get; } = [];
}
