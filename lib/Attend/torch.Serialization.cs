using Attend.Serialization;

namespace Attend;

public static partial class torch
{
    /// <summary>
    /// Saves named tensors to <paramref name="path"/> in the safetensors format (float32, atomic write), as
    /// <c>safetensors.torch.save_file</c>: <c>torch.save(model.state_dict(), "model.safetensors")</c>.
    /// </summary>
    public static void save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(tensors, path, metadata);

    /// <summary>
    /// Loads the named tensors of a safetensors file (ours or PyTorch's) onto <paramref name="map_location"/>
    /// (the CPU by default), as <c>safetensors.torch.load_file</c>; other element types become float32.
    /// </summary>
    public static Dictionary<string, Tensor> load(string path, Device? map_location = null) =>
        SafeTensors.Load(path, map_location);
}
