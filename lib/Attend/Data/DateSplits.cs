namespace Attend.Data;

/// <summary>Train, validation and test sets of the date task, with no input text in two of them.</summary>
/// <remarks>Used in Chapter 3: translation with attention, guided alignment (notebooks/03-translation-with-attention.ipynb).</remarks>
/// <param name="Train">Examples to train on.</param>
/// <param name="Validation">Examples for model selection.</param>
/// <param name="Test">Held-out examples.</param>
public sealed record DateSplits(
    IReadOnlyList<DateExample> Train,
    IReadOnlyList<DateExample> Validation,
    IReadOnlyList<DateExample> Test);
