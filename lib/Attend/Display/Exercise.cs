namespace Attend.Display;

/// <summary>
/// The course's exercise convention. A chapter's exercise cell holds a <b>stub</b> the learner fills in (its body
/// throws <see cref="NotImplementedException"/>); the next cell calls <see cref="Check"/> with a test of the learner's
/// code. The worked solutions sit apart, at the end of the chapter, and call <see cref="Solution"/> with the
/// <b>same</b> test: there a wrong solution throws, so the notebook run (and CI) fails.
/// </summary>
/// <example>
/// <code>
/// // exercise cell (the learner's)
/// Tensor MySharpen(Tensor w, float gamma) => throw new NotImplementedException();
/// // check cell
/// Exercise.Check("5.1 sharpening", () => Checks.Sharpen(MySharpen));
/// // solutions section, end of chapter
/// Tensor SolvedSharpen(Tensor w, float gamma) => w.pow(gamma) / w.pow(gamma).sum();
/// Exercise.Solution("5.1 sharpening", () => Checks.Sharpen(SolvedSharpen));
/// </code>
/// </example>
public static class Exercise
{
    /// <summary>
    /// Runs <paramref name="test"/> against the learner's code and says how it went, without failing the cell:
    /// "not attempted yet" while the stub still throws <see cref="NotImplementedException"/>, the reason when an
    /// <see cref="Expect"/> fails. Returns whether the test passed.
    /// </summary>
    public static bool Check(string name, Action test)
    {
        ArgumentNullException.ThrowIfNull(test);
        try
        {
            test();
            Console.WriteLine($"✓ Exercise {name}: correct.");
            return true;
        }
        catch (NotImplementedException)
        {
            Console.WriteLine($"· Exercise {name}: not attempted yet. Fill in the stub above and run this cell again.");
            return false;
        }
        catch (ExerciseFailure failure)
        {
            Console.WriteLine($"✗ Exercise {name}: {failure.Message}");
            return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/> against a worked solution. Unlike <see cref="Check"/> a failure is not caught:
    /// the cell shows an error, so the course's tests fail when a solution no longer passes its own check.
    /// </summary>
    public static void Solution(string name, Action test)
    {
        ArgumentNullException.ThrowIfNull(test);
        test();
        Console.WriteLine($"✓ Exercise {name}: the solution passes the check.");
    }

    /// <summary>Fails the exercise with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new ExerciseFailure(message);
        }
    }

    /// <summary>Fails the exercise unless <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void ExpectClose(double actual, double expected, double tolerance, string what)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            throw new ExerciseFailure($"{what} is {actual:G6}, expected {expected:G6} (± {tolerance:G3}).");
        }
    }

    /// <summary>
    /// Fails the exercise unless the two tensors have the same shape and agree element by element within
    /// <paramref name="tolerance"/> (absolute).
    /// </summary>
    public static void ExpectClose(Tensor actual, Tensor expected, double tolerance, string what)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (!actual.shape.SequenceEqual(expected.shape))
        {
            throw new ExerciseFailure($"{what} has shape {Tensor.Format(actual.shape)}, expected {Tensor.Format(expected.shape)}.");
        }

        var a = actual.detach().contiguous().ToArray();
        var e = expected.detach().contiguous().ToArray();
        for (var i = 0; i < a.Length; i++)
        {
            if (!(Math.Abs(a[i] - e[i]) <= tolerance))
            {
                throw new ExerciseFailure($"{what}: element {i} is {a[i]:G6}, expected {e[i]:G6} (± {tolerance:G3}).");
            }
        }
    }
}

/// <summary>An exercise's check did not pass; the message says what was expected.</summary>
public sealed class ExerciseFailure : Exception
{
    /// <summary>Creates the failure with the message the learner reads.</summary>
    public ExerciseFailure(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with no message.</summary>
    public ExerciseFailure()
    {
    }

    /// <summary>Creates the failure with a message and the exception that caused it.</summary>
    public ExerciseFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
