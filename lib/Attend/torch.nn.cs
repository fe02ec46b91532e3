using Attend.Modules;

namespace Attend;

public static partial class torch
{
    /// <summary>
    /// Layer and loss factories named as in TorchSharp and PyTorch (<c>torch.nn.Linear(4, 8)</c>), plus
    /// <see cref="init"/> (weight initializers) and <see cref="functional"/> (the same layers as functions).
    /// The classes themselves live in <see cref="Attend.Modules"/>.
    /// </summary>
    public static partial class nn
    {
        /// <summary>A fully connected layer y = x·Wᵀ + b (<see cref="Modules.Linear"/>).</summary>
        public static Modules.Linear Linear(int in_features, int out_features, bool bias = true) =>
            new(in_features, out_features, bias);

        /// <summary>A table of learned vectors looked up by index (<see cref="Modules.Embedding"/>).</summary>
        public static Modules.Embedding Embedding(int num_embeddings, int embedding_dim, int? padding_idx = null) =>
            new(num_embeddings, embedding_dim, padding_idx);

        /// <summary>One step of a simple recurrent network (<see cref="Modules.RNNCell"/>).</summary>
        public static Modules.RNNCell RNNCell(int input_size, int hidden_size, bool bias = true, string nonlinearity = "tanh") =>
            new(input_size, hidden_size, bias, nonlinearity);

        /// <summary>One step of a GRU (<see cref="Modules.GRUCell"/>).</summary>
        public static Modules.GRUCell GRUCell(int input_size, int hidden_size, bool bias = true) => new(input_size, hidden_size, bias);

        /// <summary>One step of an LSTM (<see cref="Modules.LSTMCell"/>).</summary>
        public static Modules.LSTMCell LSTMCell(int input_size, int hidden_size, bool bias = true) => new(input_size, hidden_size, bias);

        /// <summary>A multi-layer simple RNN over whole sequences (<see cref="Modules.RNN"/>).</summary>
        public static Modules.RNN RNN(int input_size, int hidden_size, int num_layers = 1, string nonlinearity = "tanh",
                                      bool bias = true, bool batch_first = false, double dropout = 0, bool bidirectional = false) =>
            new(input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional);

        /// <summary>A multi-layer GRU over whole sequences (<see cref="Modules.GRU"/>).</summary>
        public static Modules.GRU GRU(int input_size, int hidden_size, int num_layers = 1, bool bias = true,
                                      bool batch_first = false, double dropout = 0, bool bidirectional = false) =>
            new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);

        /// <summary>A multi-layer LSTM over whole sequences (<see cref="Modules.LSTM"/>).</summary>
        public static Modules.LSTM LSTM(int input_size, int hidden_size, int num_layers = 1, bool bias = true,
                                        bool batch_first = false, double dropout = 0, bool bidirectional = false) =>
            new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);

        /// <summary>Dropout with probability <paramref name="p"/> in training mode (<see cref="Modules.Dropout"/>).</summary>
        public static Modules.Dropout Dropout(double p = 0.5) => new(p);

        /// <summary>Layer normalization over the trailing dimensions <paramref name="normalized_shape"/>.</summary>
        public static Modules.LayerNorm LayerNorm(int[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true) =>
            new(normalized_shape, eps, elementwise_affine, bias);

        /// <summary>Layer normalization over the last dimension, of size <paramref name="normalized_shape"/>.</summary>
        public static Modules.LayerNorm LayerNorm(int normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true) =>
            new(normalized_shape, eps, elementwise_affine, bias);

        /// <summary>An empty chain, to fill with <see cref="Modules.Sequential.append"/>.</summary>
        public static Modules.Sequential Sequential() => new();

        /// <summary>A chain of modules applied in order, named "0", "1", … (<see cref="Modules.Sequential"/>).</summary>
        public static Modules.Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        /// <summary>A chain of named modules applied in order.</summary>
        public static Modules.Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

        /// <summary>A registered list of modules (<see cref="ModuleList{T}"/>).</summary>
        public static ModuleList<T> ModuleList<T>(params T[] modules)
            where T : Module => new(modules);

        /// <summary>max(x, 0) as a module.</summary>
        public static Modules.ReLU ReLU() => new();

        /// <summary>tanh as a module.</summary>
        public static Modules.Tanh Tanh() => new();

        /// <summary>The logistic sigmoid as a module.</summary>
        public static Modules.Sigmoid Sigmoid() => new();

        /// <summary>Cross-entropy of scores against class indices (<see cref="Modules.CrossEntropyLoss"/>).</summary>
        public static CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, int ignore_index = -100, string reduction = "mean",
                                                        double label_smoothing = 0) =>
            new(weight, ignore_index, reduction, label_smoothing);

        /// <summary>Negative log-likelihood of log-probabilities (<see cref="Modules.NLLLoss"/>).</summary>
        public static NLLLoss NLLLoss(Tensor? weight = null, int ignore_index = -100, string reduction = "mean") =>
            new(weight, ignore_index, reduction);

        /// <summary>Binary cross-entropy of probabilities (<see cref="Modules.BCELoss"/>).</summary>
        public static BCELoss BCELoss(Tensor? weight = null, string reduction = "mean") => new(weight, reduction);

        /// <summary>Binary cross-entropy of raw scores, stable (<see cref="Modules.BCEWithLogitsLoss"/>).</summary>
        public static BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean") => new(weight, reduction);

        /// <summary>Mean squared error (<see cref="Modules.MSELoss"/>).</summary>
        public static MSELoss MSELoss(string reduction = "mean") => new(reduction);
    }
}
