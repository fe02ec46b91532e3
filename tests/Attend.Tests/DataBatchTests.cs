using Attend.Data;

namespace Attend.Tests;

public sealed class DataBatchTests
{
    private static readonly EncodedPair[] Two = [new([5, 6, 7], [8, 9]), new([5], [10, 11, 12])];

    [Fact]
    public void PadsAndShiftsTheTarget()
    {
        var batch = Batch.Create(Two);
        Assert.Equal(2, batch.Size);
        TestData.Close([5, 6, 7, 2, 5, 2, 0, 0], [2, 4], batch.Source, 0);
        TestData.Close([1, 1, 1, 1, 1, 1, 0, 0], [2, 4], batch.SourceMask, 0);
        TestData.Close([1, 8, 9, 0, 1, 10, 11, 12], [2, 4], batch.TargetIn, 0);
        TestData.Close([8, 9, 2, 0, 10, 11, 12, 2], [2, 4], batch.TargetOut, 0);
        TestData.Close([1, 1, 1, 0, 1, 1, 1, 1], [2, 4], batch.TargetMask, 0);
        Assert.Equal([4, 2], batch.SourceLengths);
        Assert.Equal([3, 4], batch.TargetLengths);
        Assert.Equal(7, batch.TargetTokens);
        Assert.Equal([0, 1], batch.Indices);
    }

    [Fact]
    public void SelectsRowsAndCanLeaveTheSourceWithoutEos()
    {
        var batch = Batch.Create(Two, [1, 0], sourceEos: false);
        TestData.Close([5, 0, 0, 5, 6, 7], [2, 3], batch.Source, 0);
        TestData.Close([1, 0, 0, 1, 1, 1], [2, 3], batch.SourceMask, 0);
        Assert.Equal([1, 3], batch.SourceLengths);
        Assert.Equal([1, 0], batch.Indices);
        Assert.False(batch.SourceEos);
    }

    [Fact]
    public void RejectsEmptyAndOutOfRangeSelections()
    {
        Assert.Throws<ArgumentException>(() => Batch.Create(Two, []));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Batch.Create(Two, [2]));
        Assert.Contains("index 2 is outside the 2 examples", error.Message);
    }

    private static EncodedPair[] Lengths(int count, int seed)
    {
        var g = new Generator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            new EncodedPair(new int[g.NextInt(1, 30)], new int[g.NextInt(1, 30)]))];
    }

    [Fact]
    public void AnEpochUsesEveryExampleOnce()
    {
        var data = Lengths(103, 1);
        var batcher = new BucketedBatcher(data, batchSize: 8, new Generator(5), chunkBatches: 4);
        var plan = batcher.PlanEpoch();
        Assert.Equal(13, plan.Count);
        Assert.Equal(13, batcher.BatchCount);
        Assert.Equal(Enumerable.Range(0, 103), plan.SelectMany(b => b).Order());
        Assert.Equal(12, plan.Count(b => b.Length == 8));
    }

    [Fact]
    public void SameSeedSameBatchesAndEpochsDiffer()
    {
        var data = Lengths(200, 2);
        var a = new BucketedBatcher(data, 16, new Generator(42));
        var b = new BucketedBatcher(data, 16, new Generator(42));
        var firstA = a.PlanEpoch();
        Assert.Equal(firstA, b.PlanEpoch());
        var secondA = a.PlanEpoch();
        Assert.Equal(secondA, b.PlanEpoch());
        Assert.NotEqual(firstA, secondA);
        Assert.NotEqual(firstA, new BucketedBatcher(data, 16, new Generator(43)).PlanEpoch());
    }

    [Fact]
    public void BucketingCutsPadding()
    {
        var data = Lengths(512, 3);
        int Padding(IEnumerable<int[]> batches) => batches.Sum(b =>
            (b.Length * b.Max(i => data[i].Source.Length)) - b.Sum(i => data[i].Source.Length));

        var bucketed = new BucketedBatcher(data, 16, new Generator(0), chunkBatches: 8).PlanEpoch();
        var random = Enumerable.Range(0, 32).Select(k => bucketed.SelectMany(b => b).Order().Skip(k * 16).Take(16)
            .Select(i => (i * 7919) % 512).ToArray()); // an arbitrary unsorted grouping for comparison
        Assert.True(Padding(bucketed) * 3 < Padding(random), $"bucketed {Padding(bucketed)} vs random {Padding(random)}");

        // Within a chunk, batches are consecutive runs of the sorted lengths.
        var oneChunk = new BucketedBatcher(data, 16, new Generator(0), chunkBatches: 32).PlanEpoch();
        var ranges = oneChunk.Select(b => (Min: b.Min(i => data[i].Source.Length), Max: b.Max(i => data[i].Source.Length)))
            .OrderBy(r => r.Min).ThenBy(r => r.Max).ToArray();
        for (var k = 1; k < ranges.Length; k++)
        {
            Assert.True(ranges[k - 1].Max <= ranges[k].Min, $"batches overlap in length: {ranges[k - 1]} and {ranges[k]}");
        }
    }

    [Fact]
    public void WithoutShuffleBatchesGoByLength()
    {
        var data = Lengths(50, 4);
        var batcher = new BucketedBatcher(data, 10, new Generator(0), shuffle: false);
        var plan = batcher.PlanEpoch();
        Assert.Equal(plan, batcher.PlanEpoch()); // no randomness at all
        var order = plan.SelectMany(b => b).ToArray();
        Assert.Equal(order.OrderBy(i => data[i].Source.Length).ThenBy(i => data[i].Target.Length).ThenBy(i => i), order);
    }

    [Fact]
    public void DropLastAndTensors()
    {
        var data = Lengths(35, 5);
        var batcher = new BucketedBatcher(data, 8, new Generator(1), dropLast: true);
        var batches = batcher.Epoch().ToList();
        Assert.Equal(4, batches.Count);
        Assert.Equal(4, batcher.BatchCount);
        Assert.All(batches, b => Assert.Equal(8, b.Size));
        Assert.All(batches, b => Assert.Equal(b.Indices.Max(i => data[i].Source.Length) + 1, b.Source.shape[1]));
    }
}
