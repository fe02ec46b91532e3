namespace Attend.Autograd;

/// <summary>
/// One recorded operation in the define-by-run graph: the inputs it read and a closure that maps the
/// gradient of its output to the gradients of those inputs (micrograd's <c>_backward</c>, made explicit).
/// </summary>
public sealed class Node
{
    private Func<Tensor, Tensor?[]>? backward;

    internal Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        Name = name;
        Inputs = inputs;
        this.backward = backward;
    }

    /// <summary>The op that produced the tensor, e.g. "mul" or "matmul" (PyTorch shows MulBackward0).</summary>
    public string Name { get; }

    /// <summary>The tensors the op read.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    internal bool Released => backward is null;

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        var fn = backward ?? throw new InvalidOperationException(
            $"backward: trying to backward through the graph a second time (op '{Name}'): its saved values were " +
            "freed after the first backward. Pass retain_graph: true to the first backward() if you need both.");
        return fn(gradOutput);
    }

    internal void Release() => backward = null;

    /// <summary>The class name PyTorch shows for this grad_fn: "log_softmax" → "LogSoftmaxBackward0".</summary>
    public string BackwardName =>
        string.Concat(Name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) +
        "Backward0";

    /// <inheritdoc/>
    public override string ToString() => $"<{BackwardName}>";
}
