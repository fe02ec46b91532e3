using Attend.Backends;

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
        var owned = new Ownership(Storage.NextSerial);
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
                // A leaf the user asked gradients for: accumulate into .grad, as PyTorch does. A first gradient
                // that only this pass holds becomes .grad as it is; otherwise .grad gets a copy or a sum.
                if (t.grad is null && owned.Release(g))
                {
                    t.grad = g;
                }
                else
                {
                    t.AccumulateGrad(g);
                    owned.Free(g);
                }

                continue;
            }

            var inputGrads = node.Apply(g);

            // g is consumed here. If this pass alone held it, a view of it that the op hands on (reshape's
            // backward returns g.reshape(...)) inherits that: it is tracked below as a first sighting. All the
            // returned gradients are tracked before any is freed, so two views of one buffer count as shared.
            var consumed = owned.Release(g);
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

                owned.Track(ig);
            }

            for (var j = 0; j < node.Inputs.Count; j++)
            {
                var input = node.Inputs[j];
                var ig = inputGrads[j];
                if (ig is null || !input.requires_grad)
                {
                    continue;
                }

                if (grads.TryGetValue(input, out var existing))
                {
                    var sum = existing.add(ig);
                    owned.Track(sum);
                    owned.Free(existing);
                    owned.Free(ig);
                    grads[input] = sum;
                }
                else
                {
                    grads[input] = ig;
                }
            }

            // This node's output gradient is consumed: its memory can be reused at once, unless a view of it lives on.
            if (consumed && !owned.Holds(g) && g.storage is IDisposable disposable)
            {
                disposable.Dispose();
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

    /// <summary>
    /// Which gradient storages this pass alone holds: created during the pass (so no forward tensor or user
    /// tensor refers to them) and seen exactly once (no other gradient is the same tensor or a view of it).
    /// Those can be freed as soon as they are consumed, which returns large buffers to the pool while the
    /// pass still needs memory, instead of at the next garbage collection. The contract this relies on: a
    /// backward closure does not keep a gradient it returns (split's gate hands over its buffer and forgets it).
    /// </summary>
    private sealed class Ownership(long firstSerial)
    {
        // true: held by this pass alone; false: shared (kept, so that later sightings stay shared).
        private readonly Dictionary<Storage, bool> exclusive = new(ReferenceEqualityComparer.Instance);

        /// <summary>Records a gradient handed out by an op; a second sighting of a storage makes it shared.</summary>
        public void Track(Tensor gradient)
        {
            var storage = gradient.storage;
            exclusive[storage] = !exclusive.ContainsKey(storage) && storage.Serial >= firstSerial;
        }

        /// <summary>Stops tracking <paramref name="gradient"/> when this pass alone holds it, and says so.</summary>
        public bool Release(Tensor gradient) =>
            exclusive.TryGetValue(gradient.storage, out var alone) && alone && exclusive.Remove(gradient.storage);

        /// <summary>Whether <paramref name="gradient"/>'s storage is tracked (held by a gradient still pending).</summary>
        public bool Holds(Tensor gradient) => exclusive.ContainsKey(gradient.storage);

        /// <summary>Frees a consumed gradient's memory when this pass alone holds it.</summary>
        public void Free(Tensor gradient)
        {
            if (Release(gradient) && gradient.storage is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
