namespace Attend.Autograd;

/// <summary>
/// Reverse-mode differentiation: order the graph topologically from the output, then walk it backwards,
/// handing each node the gradient of its output and summing what it returns into its inputs.
/// </summary>
internal static class Engine
{
    public static void Backward(Tensor root, Tensor gradient, bool retainGraph)
    {
        var order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = gradient };
        using var _ = GradMode.Scope(false);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (!grads.Remove(t, out var g))
            {
                continue;
            }

            var node = t.grad_fn;
            if (node is null)
            {
                // A leaf the user asked gradients for: accumulate into .grad, as PyTorch does.
                t.AccumulateGrad(g);
                continue;
            }

            var inputGrads = node.Apply(g);
            for (var j = 0; j < node.Inputs.Count; j++)
            {
                var input = node.Inputs[j];
                var ig = inputGrads[j];
                if (ig is null || !input.requires_grad)
                {
                    continue;
                }

                if (!ig.ShapeEquals(input))
                {
                    throw new InvalidOperationException(
                        $"backward: op '{node.Name}' returned a gradient of shape {Tensor.Format(ig.shape)} for its " +
                        $"input {j} of shape {Tensor.Format(input.shape)} (a bug in that op's backward).");
                }

                grads[input] = grads.TryGetValue(input, out var existing) ? existing.add(ig) : ig;
            }

            if (!retainGraph)
            {
                node.Release();
            }
        }
    }

    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        // Iterative depth-first search: graphs of long unrolled sequences are too deep for recursion.
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int Next)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.grad_fn?.Inputs;
            if (inputs is not null && next < inputs.Count)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.requires_grad && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(t);
            }
        }

        return order;
    }
}
