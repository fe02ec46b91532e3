namespace Attend.Ntm;

/// <summary>
/// Everything an NTM carries from one step to the next (Chapter 5, §5.4): the memory [B, N, M], the last read vectors
/// (one [B, M] per read head), the last weightings of the read and write heads ([B, N] each) and the controller's state.
/// </summary>
/// <param name="Memory">M [B, N, M].</param>
/// <param name="Reads">r_{t−1} per read head.</param>
/// <param name="ReadWeightings">w_{t−1} per read head.</param>
/// <param name="WriteWeightings">w_{t−1} per write head.</param>
/// <param name="Controller">The controller's state (h, c for an LSTM).</param>
public sealed record NtmState(Tensor Memory, Tensor[] Reads, Tensor[] ReadWeightings, Tensor[] WriteWeightings, Tensor[] Controller);
