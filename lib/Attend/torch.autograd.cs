using Attend.Autograd;

namespace Attend;

public static partial class torch
{
    /// <summary>Gradient utilities, as <c>torch.autograd</c>.</summary>
    public static class autograd
    {
        /// <summary>
        /// True when <paramref name="function"/>'s backward agrees with central finite differences at
        /// <paramref name="inputs"/> (see <see cref="GradCheck"/> for the method and tolerances). With
        /// <paramref name="raise_exception"/> a mismatch throws, listing each direction's numbers.
        /// </summary>
        public static bool gradcheck(Func<Tensor[], Tensor> function, Tensor[] inputs, float eps = 1e-2f, double atol = 1e-3,
                                     double rtol = 1e-2, bool raise_exception = true)
        {
            var result = GradCheck.Check(function, inputs, eps, atol, rtol);
            if (!result.Passed && raise_exception)
            {
                throw new InvalidOperationException("gradcheck: backward disagrees with finite differences:\n" + result.Report);
            }

            return result.Passed;
        }
    }
}
