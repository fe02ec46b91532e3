using Attend.Data;
using Attend.Seq2Seq.Recipes;
using Attend.Vision;

namespace Attend.Tests.Devices;

/// <summary>
/// A chapter recipe given a CUDA device trains there (issue 12, item 3): the same seed gives the same losses and the
/// same held-out score as on the CPU. Runs on the emulated device (ILGPU's CPU accelerator) without a GPU.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class RecipeDeviceTests
{
    [Fact]
    public void ShowAttendAndTellTrainsCaptionsAndIsMeasuredOnTheDeviceOfItsData()
    {
        var cuda = CudaParityTests.Cuda;
        var cpuData = ShapesCaptions.Generate(6, new Generator(21));
        var cudaData = cpuData.to(cuda);
        Assert.Equal(cuda, cudaData.device);
        Assert.Same(cpuData, cpuData.to(Device.CPU));

        SoftAttentionCaptioner Fresh(Device device)
        {
            torch.manual_seed(22);
            var model = new SoftAttentionCaptioner(new CnnEncoder(3, 4, 4), embed_dim: 6, hidden_dim: 8, attention_dim: 6, dropout: 0);
            model.to(device);
            return model;
        }

        (float[] Losses, SoftAttentionCaptioner Model) Train(ShapesCaptions data)
        {
            var model = Fresh(data.device);
            var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
            var losses = new float[3];
            for (var step = 0; step < losses.Length; step++)
            {
                var (pictures, tokens) = data.Batch([step, step + 1, step + 3]);
                var T = tokens.size(1) - 1;
                var (total, _, _) = CaptionLoss.Compute(model.call(pictures, tokens.narrow(1, 0, T)), tokens.narrow(1, 1, T), 1f);
                optimizer.zero_grad();
                total.backward();
                optimizer.step();
                losses[step] = total.item();
            }

            return (losses, model);
        }

        var (cpuLosses, cpuModel) = Train(cpuData);
        var (cudaLosses, cudaModel) = Train(cudaData);
        for (var i = 0; i < cpuLosses.Length; i++)
        {
            Assert.True(Math.Abs(cpuLosses[i] - cudaLosses[i]) <= 1e-4f * (1 + Math.Abs(cpuLosses[i])),
                        $"step {i}: cpu {cpuLosses[i]}, cuda {cudaLosses[i]}");
        }

        var cpuCaptions = cpuModel.Caption(cpuData.Images, max_length: 5);
        var cudaCaptions = cudaModel.Caption(cudaData.Images, max_length: 5);
        Assert.Equal(cpuCaptions.Select(c => c.Text), cudaCaptions.Select(c => c.Text));
        var (cpuMass, _) = CaptionMetrics.AttentionOnObjects(cpuModel, cpuData);
        var (cudaMass, _) = CaptionMetrics.AttentionOnObjects(cudaModel, cudaData);
        Assert.Equal(cpuMass, cudaMass, 4);
    }

    [Fact]
    public void DateNormalizationTrainsOnTheDeviceItIsGiven()
    {
        var options = new DateNormalizationOptions
        {
            Seed = 3,
            TrainSize = 48,
            ValidationSize = 8,
            TestSize = 8,
            Epochs = 2,
            BatchSize = 16,
            EmbeddingDim = 4,
            HiddenSize = 6,
        };
        var cpu = DateNormalization.Train(options);
        var cuda = DateNormalization.Train(options with { Device = CudaParityTests.Cuda });

        Assert.All(cuda.Model.parameters(), p => Assert.Equal(CudaParityTests.Cuda, p.device));
        Assert.All(cpu.Model.parameters(), p => Assert.Equal(Device.CPU, p.device));
        for (var e = 0; e < options.Epochs; e++)
        {
            var (a, b) = (cpu.History[e], cuda.History[e]);
            Assert.True(Math.Abs(a.Loss - b.Loss) <= 1e-3 * (1 + Math.Abs(a.Loss)), $"epoch {e + 1}: loss cpu {a.Loss}, cuda {b.Loss}");
            Assert.True(Math.Abs(a.AlignmentLoss - b.AlignmentLoss) <= 1e-3 * (1 + Math.Abs(a.AlignmentLoss)),
                        $"epoch {e + 1}: alignment loss cpu {a.AlignmentLoss}, cuda {b.AlignmentLoss}");
        }

        Assert.Equal(cpu.Test.Count, cuda.Test.Count);
        Assert.Equal(cpu.Test.Correct, cuda.Test.Correct);

        // Decoding new input goes to the model's device too.
        var decoded = DateNormalization.Decode(cuda.Model, ["3 May 1979"]);
        Assert.Single(decoded);
    }
}
