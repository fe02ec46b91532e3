namespace Attend.Act;

/// <summary>
/// The recurrent state ACT carries from one input step to the next: the mean-field hidden state h [B, H] and, for an
/// LSTM, the mean-field cell state c [B, H] (null for RNN and GRU cells).
/// </summary>
/// <remarks>Chapter 8: adaptive computation time, §8.1 (notebooks/08-adaptive-computation-time.ipynb).</remarks>
public sealed record ActState(Tensor h, Tensor? c = null);
