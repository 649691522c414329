/**
 * The encoders: {@link dev.viewpair.encoders.nn.Encoder} (a backbone and a projection head, {@link
 * dev.viewpair.encoders.nn.ProjectionHead}, the choice every type shares, made stochastic by a {@link
 * dev.viewpair.encoders.nn.GaussianPosterior}) and the builders of its types ({@link
 * dev.viewpair.encoders.nn.ConvEncoder}, {@link dev.viewpair.encoders.nn.MlpEncoder}, {@link
 * dev.viewpair.encoders.nn.Conv1dEncoder}, the Vision Transformer {@link dev.viewpair.encoders.nn.VisionTransformer}
 * with its {@link dev.viewpair.encoders.nn.TransformerBlock} and {@link dev.viewpair.encoders.nn.SelfAttention},
 * torchvision's {@link dev.viewpair.encoders.nn.ResNet} and video {@link dev.viewpair.encoders.nn.R2Plus1D} with their
 * state-dict keys, read and written as {@code .npz} by {@link dev.viewpair.encoders.nn.TorchvisionWeights}, and {@link
 * dev.viewpair.encoders.nn.PerFrame}, a 2-D backbone run on each frame of a clip), declared once in
 * the encoder catalogue ({@link dev.viewpair.encoders.nn.EncoderTypes#standard()}) with their parameters and the view
 * shapes they take ({@link dev.viewpair.encoders.nn.EncoderInput}). Every type writes itself into an ONNX model
 * ({@link dev.viewpair.encoders.nn.EncoderOnnx}): its blocks implement {@code onnx.OnnxExportable}, the steps without
 * parameters included ({@code ParameterFree}: ReLU, GELU, pooling, flattening, checks) and the norms ({@link
 * dev.viewpair.encoders.nn.BatchNorm}, {@code TokenNorm}), whose settings DJL's own norms keep to themselves. It imports DJL, the catalogue
 * machinery ({@code dev.viewpair.catalog}) and the ONNX writer ({@code dev.viewpair.encoders.onnx}); nothing of the
 * trainer.
 */
package dev.viewpair.encoders.nn;
