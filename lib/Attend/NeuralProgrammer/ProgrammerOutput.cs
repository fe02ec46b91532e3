namespace Attend.NeuralProgrammer;

/// <summary>
/// What the neural programmer did on a batch (Chapter 9, §9.6): at every step the soft choice of operation and of
/// column and the row selector it produced, and the answers read at the last step.
/// </summary>
/// <param name="Operations">α_op at each step [B, T, operations] (order of <see cref="Operation"/>).</param>
/// <param name="Columns">α_col at each step [B, T, C].</param>
/// <param name="Rows">The row selector after each step [B, T, M].</param>
/// <param name="Scalar">The scalar answer of the last step [B].</param>
/// <param name="Lookup">The lookup answer of the last step [B, M, C]: the probability that each cell is printed.</param>
/// <param name="Pivots">The pivots of greater and lesser [B, 2].</param>
public sealed record ProgrammerOutput(Tensor Operations, Tensor Columns, Tensor Rows, Tensor Scalar, Tensor Lookup, Tensor Pivots);
