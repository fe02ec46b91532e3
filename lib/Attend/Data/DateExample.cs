namespace Attend.Data;

/// <summary>
/// One example of the date-normalization task: <see cref="Input"/> ("Thursday, 3 May 1979") → <see cref="Output"/>
/// ("1979-05-03"), read and written one character at a time, with the <see cref="Alignment"/> a perfect attention
/// would find.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Date">The date.</param>
/// <param name="Format">How <see cref="Input"/> writes it.</param>
/// <param name="Input">The input text.</param>
/// <param name="Output">The date as YYYY-MM-DD.</param>
/// <param name="Alignment">
/// The true alignment [<c>Output.Length</c>, <c>Input.Length</c>]: row t spreads weight 1 evenly over the input
/// characters that output character t is copied or derived from — year digits from the year's digits, month
/// digits from the month's number or all letters of its name, day digits from the day's digits (the "0" of
/// "03" from the "3" of "3 May"; the "19" of "1979" from both digits of "79"). The two hyphens come from no input
/// character: their rows are all zero, so a guided-alignment loss − Σ A·log α ignores them.
/// </param>
public sealed record DateExample(DateOnly Date, DateFormat Format, string Input, string Output, float[,] Alignment)
{
    /// <summary>The input's characters, one token each.</summary>
    public string[] InputTokens => [.. Input.Select(c => c.ToString())];

    /// <summary>The output's characters, one token each.</summary>
    public string[] OutputTokens => [.. Output.Select(c => c.ToString())];

    /// <summary><see cref="Alignment"/> as a tensor [T_out, T_in].</summary>
    public Tensor AlignmentTensor(Device? device = null) => torch.tensor(Alignment, device);

    /// <summary>"input → output".</summary>
    public override string ToString() => $"{Input} → {Output}";
}
